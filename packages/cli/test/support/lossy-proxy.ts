// A proxy in front of the sandbox that can lose an answer: it forwards the request, lets the
// sandbox act on it, then closes the client's connection without a word. That is the one case
// a sandbox fault cannot make (its faults act before any write): a createCredential that made a
// key whose answer never arrived.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface LossyProxy {
  url: string
  /** Loses the answers of the next `times` requests to an operation. */
  loseAnswers(operation: string, times: number): void
  close(): Promise<void>
}

export async function startLossyProxy(upstream: string): Promise<LossyProxy> {
  const losing = new Map<string, number>()
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'connection') {
        headers.set(name, value)
      }
    }
    const answer = await fetch(`${upstream}${req.url}`, {
      method: req.method,
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    })
    const body = Buffer.from(await answer.arrayBuffer())
    const operation = req.url?.split('/').pop() ?? ''
    const left = losing.get(operation) ?? 0
    if (left > 0) {
      losing.set(operation, left - 1)
      req.socket.destroy()
      return
    }
    const forwarded = Object.fromEntries(answer.headers)
    delete forwarded['content-encoding']
    delete forwarded['transfer-encoding']
    res.writeHead(answer.status, forwarded)
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    loseAnswers: (operation, times) => losing.set(operation, times),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
