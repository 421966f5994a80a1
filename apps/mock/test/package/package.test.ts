import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, installPacked, startProcess, stopAllProcesses } from '@solapi/devkit'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
let installed: Awaited<ReturnType<typeof installPacked>>
let packageDir: string

const PRISM_PARTS = [
  '@stoplight/prism-cli',
  '@stoplight/prism-core',
  '@stoplight/prism-http',
  '@stoplight/prism-http-server',
]

/** The version of a Prism part that this repo's tests run (from prism-cli's own resolution). */
function testedVersion(name: string): string {
  const fromCli = createRequire(require.resolve('@stoplight/prism-cli/package.json'))
  const resolve = name === '@stoplight/prism-cli' ? require : fromCli
  return JSON.parse(readFileSync(resolve.resolve(`${name}/package.json`), 'utf8')).version
}

/** Package name -> every version npm would install, for a consumer on `nodeVersion`. */
async function idealTree(nodeVersion: string, tarballs: string[]): Promise<Map<string, string[]>> {
  const npmRoot = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim()
  const Arborist = createRequire(join(npmRoot, 'npm', 'package.json'))('@npmcli/arborist')
  const dir = mkdtempSync(join(tmpdir(), 'ideal-'))
  try {
    writeFileSync(join(dir, 'package.json'), '{"name":"consumer","private":true}')
    const tree = await new Arborist({ path: dir, nodeVersion }).buildIdealTree({ add: tarballs })
    const versions = new Map<string, string[]>()
    for (const node of tree.inventory.values()) {
      if (node.isProjectRoot) continue
      versions.set(node.name, [...(versions.get(node.name) ?? []), node.version])
    }
    return versions
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// What a consumer gets: the packed tarball, installed with plain npm in an empty folder (with
// the spec package's tarball: the mock reads its limits through it at run time).
beforeAll(async () => {
  installed = await installPacked(['@solapi/credentials-spec', '@solapi/credentials-mock'])
  packageDir = join(installed.dir, 'node_modules/@solapi/credentials-mock')
}, 600_000)

afterAll(() => installed?.remove())

afterEach(stopAllProcesses)

describe('the published package', () => {
  for (const file of ['openapi.yaml', 'openapi.json']) {
    it(`carries the bundled spec's ${file}, byte for byte`, () => {
      expect(readFileSync(join(packageDir, `dist/${file}`), 'utf8')).toBe(
        readFileSync(require.resolve(`@solapi/credentials-spec/${file}`), 'utf8'),
      )
    })
  }

  it('pins Prism and each of its parts to the exact version this repo tests, and declares the bin', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
    for (const part of PRISM_PARTS) {
      expect(manifest.dependencies[part], part).toBe(testedVersion(part))
    }
    expect(manifest.dependencies['@solapi/credentials-spec']).toMatch(/^\d+\.\d+\.\d+$/)
    expect(manifest.engines.node).toBe('^20.19 || >=22')
    expect(manifest.bin).toEqual({ 'solapi-credentials-mock': './bin/solapi-credentials-mock.mjs' })
  })

  // npm picks, for a caret range, the newest version whose `engines` fit the running Node:
  // without the pins, Node 24.18+ got Prism parts 5.16 (and @scarf/scarf) and Node 22 got 5.8
  // and 5.12. npm's own resolver, told which Node it runs on, shows what each consumer gets.
  for (const nodeVersion of ['v20.19.0', 'v22.12.0', 'v24.18.0', 'v26.0.0']) {
    it(`gives a consumer on Node ${nodeVersion} the Prism parts tested here, and no @scarf/scarf`, async () => {
      const resolved = await idealTree(nodeVersion, Object.values(installed.tarballs))
      for (const part of PRISM_PARTS) {
        expect(resolved.get(part), part).toEqual([testedVersion(part)])
      }
      expect(resolved.has('@scarf/scarf')).toBe(false)
    })
  }

  it('exports only the mock', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
    expect(Object.keys(manifest.exports)).toEqual([
      '.',
      './openapi.yaml',
      './openapi.json',
      './package.json',
    ])
  })

  it('starts Prism on the carried spec through the installed bin', async () => {
    const port = await freePort()
    const run = startProcess(installed.bin('solapi-credentials-mock'), [], {
      cwd: installed.dir,
      env: { PORT: String(port) },
    })
    const [, url] = await run.waitForOutput(
      /^SOLAPI Credentials mock \(Prism\) listening on (http:\/\/\S+)$/m,
    )
    const response = await fetch(`${url}/credentials/getCredentialInfo`, {
      method: 'POST',
      headers: { authorization: 'HMAC-SHA256 x', 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: 'NCSOGH0TB3PDIGV1' }),
    })
    expect(response.status).toBe(200)
    expect((await response.json()).apiKey).toBe('NCSOGH0TB3PDIGV1')
    process.kill(run.pid, 'SIGTERM')
    expect(await run.exited).toEqual({ code: 0, signal: null })
  })

  it('starts from code with startMock', async () => {
    const script = `
      import { startMock } from '@solapi/credentials-mock'
      const mock = await startMock({ port: 0, log: null })
      const answer = await fetch(mock.url + '/credentials/getCredentialList', {
        method: 'POST', headers: { authorization: 'x', 'content-type': 'application/json' }, body: '{}',
      })
      console.log('status', answer.status)
      await mock.stop()
    `
    const run = startProcess(process.execPath, ['--input-type=module', '-e', script], {
      cwd: installed.dir,
    })
    expect(await run.exited).toEqual({ code: 0, signal: null })
    expect(run.stdout()).toBe('status 200\n')
  })
})
