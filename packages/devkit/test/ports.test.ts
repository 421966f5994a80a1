import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { assertPortFree, freePort, PortInUseError, portFromEnv } from '../src/index.js'

describe('ports', () => {
  it('finds a port that can be bound, and tells a busy one by number', async () => {
    const port = await freePort()
    await assertPortFree(port, '127.0.0.1')
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    try {
      const refused = assertPortFree(port, '127.0.0.1', 'docs')
      await expect(refused).rejects.toBeInstanceOf(PortInUseError)
      await expect(refused).rejects.toThrow(`docs: port ${port} on 127.0.0.1 is already in use`)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('reads a port from the environment, naming the variable and the rule when it is bad', () => {
    expect(portFromEnv('PORT', 4010, {})).toBe(4010)
    expect(portFromEnv('PORT', 4010, { PORT: '' })).toBe(4010)
    expect(portFromEnv('PORT', 4010, { PORT: '8081' })).toBe(8081)
    for (const bad of ['0', '65536', 'http', '80.5', '-1']) {
      expect(() => portFromEnv('MOCK_PORT', 4010, { MOCK_PORT: bad })).toThrow(
        `MOCK_PORT must be an integer from 1 to 65535, got "${bad}"`,
      )
    }
  })
})
