import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { findFreePort } from '../../src/process-group.mjs'
import { killLeftoverRuns, runNode, waitForOutput } from '../helpers/run.ts'

const require = createRequire(import.meta.url)
const appDir = fileURLToPath(new URL('../..', import.meta.url))
let workDir: string
let packageDir: string

// What `npm publish` would upload: pack the app and unpack it somewhere else.
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'credentials-mock-pack-'))
  execFileSync('pnpm', ['pack', '--pack-destination', workDir], { cwd: appDir, stdio: 'ignore' })
  execFileSync('sh', ['-c', 'tar -xzf *.tgz'], { cwd: workDir })
  packageDir = join(workDir, 'package')
  // The tarball's dependencies, as an install would provide them.
  symlinkSync(join(appDir, 'node_modules'), join(packageDir, 'node_modules'))
}, 60_000)

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

afterEach(killLeftoverRuns)

describe('the published package', () => {
  for (const file of ['openapi.yaml', 'openapi.json']) {
    it(`carries the bundled spec's ${file}, byte for byte`, () => {
      expect(readFileSync(join(packageDir, `dist/${file}`), 'utf8')).toBe(
        readFileSync(require.resolve(`@solapi/credentials-spec/${file}`), 'utf8'),
      )
    })
  }

  it('pins Prism to an exact version that runs on Node 20 and declares the bin', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
    expect(manifest.dependencies['@stoplight/prism-cli']).toBe('5.14.2')
    expect(manifest.bin).toEqual({ 'solapi-credentials-mock': './bin/solapi-credentials-mock.mjs' })
    expect(manifest.devDependencies?.['@solapi/credentials-spec']).not.toMatch(/^workspace:/)
  })

  it('starts Prism on the carried spec from the unpacked tarball', async () => {
    const port = await findFreePort()
    const run = runNode(join(packageDir, 'bin/solapi-credentials-mock.mjs'), { PORT: String(port) })
    const [, url] = await waitForOutput(
      run,
      /^SOLAPI Credentials mock \(Prism\) listening on (http:\/\/\S+)$/m,
    )
    const response = await fetch(`${url}/credentials/getCredentialInfo`, {
      method: 'POST',
      headers: { authorization: 'HMAC-SHA256 x', 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: 'NCSOGH0TB3PDIGV1' }),
    })
    expect(response.status).toBe(200)
    expect((await response.json()).apiKey).toBe('NCSOGH0TB3PDIGV1')
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
  })
})
