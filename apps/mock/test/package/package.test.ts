import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { freePort, installPacked, startProcess, stopAllProcesses } from '@solapi/devkit'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
let installed: Awaited<ReturnType<typeof installPacked>>
let packageDir: string

// What a consumer gets: the packed tarball, installed with plain npm in an empty folder.
beforeAll(async () => {
  installed = await installPacked(['@solapi/credentials-mock'])
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

  it('pins Prism to an exact version that runs on Node 20 and declares the bin', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
    expect(manifest.dependencies['@stoplight/prism-cli']).toBe('5.14.2')
    expect(manifest.bin).toEqual({ 'solapi-credentials-mock': './bin/solapi-credentials-mock.mjs' })
    expect(manifest.devDependencies?.['@solapi/credentials-spec']).not.toMatch(/^workspace:/)
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
