import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import {
  freePort,
  installedVersions,
  installPacked,
  startProcess,
  stopAllProcesses,
} from '@solapi/devkit'
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
  // and 5.12. This install is this machine's Node; the consumer matrix checks 22, 24 and 26.
  it('installs, with plain npm, the Prism parts tested here and no @scarf/scarf', () => {
    for (const part of PRISM_PARTS) {
      expect(installedVersions(installed.dir, part), part).toEqual([testedVersion(part)])
    }
    expect(installedVersions(installed.dir, '@scarf/scarf')).toEqual([])
  })

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
