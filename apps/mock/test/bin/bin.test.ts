import net from 'node:net'
import { fileURLToPath } from 'node:url'
import { descendantPids, freePort, isAlive, startProcess, stopAllProcesses } from '@solapi/devkit'
import { afterEach, describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../../bin/solapi-credentials-mock.mjs', import.meta.url))

afterEach(stopAllProcesses)

const runBin = (env: Record<string, string>) => startProcess(process.execPath, [bin], { env })

describe('solapi-credentials-mock bin', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`prints the URL once Prism answers, and stops Prism on ${signal} with no orphan`, async () => {
      const port = await freePort()
      const run = runBin({ PORT: String(port), HOST: '127.0.0.1' })
      const [, url] = await run.waitForOutput(
        /^SOLAPI Credentials mock \(Prism\) listening on (http:\/\/\S+)$/m,
      )
      expect(url).toBe(`http://127.0.0.1:${port}`)
      // Prism's own log names the public address, not its private one behind the guard.
      expect(run.stdout()).toContain(`Prism is listening on http://127.0.0.1:${port}\n`)

      // The port answers as soon as the URL is printed.
      const response = await fetch(`${url}/credentials/createCredential`, {
        method: 'POST',
        headers: { authorization: 'HMAC-SHA256 x', 'content-type': 'application/json' },
        body: '{}',
      })
      expect(response.status).toBe(200)

      const descendants = await descendantPids(run.pid)
      expect(descendants.length).toBeGreaterThan(0)

      process.kill(run.pid, signal)
      expect(await run.exited).toEqual({ code: 0, signal: null })
      for (const descendant of descendants) expect(isAlive(descendant)).toBe(false)
      await expect(fetch(`${url}/credentials/createCredential`)).rejects.toThrow()
    })
  }

  it('refuses a busy port with one line naming the port', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as net.AddressInfo).port
    try {
      const run = runBin({ PORT: String(port) })
      expect((await run.exited).code).toBe(1)
      const lines = run.stderr().trim().split('\n')
      expect(lines).toEqual([
        `solapi-credentials-mock: port ${port} on 127.0.0.1 is already in use; set PORT to choose another`,
      ])
    } finally {
      blocker.close()
    }
  })

  it('refuses a PORT that is not a port, naming the variable', async () => {
    const run = runBin({ PORT: 'eighty' })
    expect((await run.exited).code).toBe(1)
    expect(run.stderr().trim()).toBe(
      'solapi-credentials-mock: PORT must be an integer from 1 to 65535, got "eighty"',
    )
  })
})
