// A small node:http proxy in front of a real server that breaks one thing at a time: the kit
// must notice each break and name the check it broke. With no mutation it passes everything
// through unchanged.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Traffic {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface Answer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export interface Mutation {
  name: string
  /** Rewrites the request before it is forwarded, or answers it without forwarding. */
  request?(traffic: Traffic): Traffic | Answer
  /** Rewrites the upstream's answer. */
  response?(answer: Answer, traffic: Traffic): Answer
}

export interface MutatingProxy {
  url: string
  /** Every request that passed, in order (after the request mutation). */
  seen: Traffic[]
  use(mutation: Mutation | undefined): void
  close(): Promise<void>
}

const readAll = (stream: NodeJS.ReadableStream) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
  })

function forward(upstream: URL, traffic: Traffic): Promise<Answer> {
  const headers = { ...traffic.headers, host: upstream.host }
  delete headers['content-length']
  delete headers['transfer-encoding']
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: traffic.method,
        path: traffic.path,
        headers: { ...headers, 'content-length': String(traffic.body.length) },
      },
      async (incoming) => {
        const body = await readAll(incoming)
        const answerHeaders: Record<string, string> = {}
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (
            value !== undefined &&
            !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)
          ) {
            answerHeaders[name] = Array.isArray(value) ? value.join(', ') : value
          }
        }
        resolve({ status: incoming.statusCode ?? 502, headers: answerHeaders, body })
      },
    )
    outgoing.on('error', reject)
    outgoing.end(traffic.body)
  })
}

export async function startMutatingProxy(upstreamUrl: string): Promise<MutatingProxy> {
  const upstream = new URL(upstreamUrl)
  let mutation: Mutation | undefined
  const seen: Traffic[] = []
  const server = createServer(async (incoming, outgoing) => {
    try {
      const received: Traffic = {
        method: incoming.method ?? 'GET',
        path: incoming.url ?? '/',
        headers: { ...incoming.headers },
        body: await readAll(incoming),
      }
      const sent = mutation?.request ? mutation.request(received) : received
      let answer: Answer
      if ('status' in sent) {
        answer = sent
      } else {
        seen.push(sent)
        answer = await forward(upstream, sent)
        if (mutation?.response) answer = mutation.response(answer, sent)
      }
      outgoing.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length })
      outgoing.end(answer.body)
    } catch (error) {
      outgoing.writeHead(599, { 'content-type': 'text/plain' })
      outgoing.end(`mutating proxy: ${(error as Error).message}`)
    }
  })
  // The kit's fetch shares this process: when other work holds the event loop past node:http's
  // 5 s keep-alive, the kit may reuse a connection this server is closing, and the reset fails a
  // check with "no answer" (ECONNRESET), though the sandbox did nothing wrong. The sandbox keeps
  // loopback connections 65 s for the same reason; so does its proxy.
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    use(next) {
      mutation = next
      seen.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The JSON body of an answer, changed by `edit`, with the answer otherwise as it was. */
export function editJson(answer: Answer, edit: (body: Record<string, unknown>) => unknown): Answer {
  const body = JSON.parse(answer.body.toString('utf8'))
  return { ...answer, body: Buffer.from(JSON.stringify(edit(body) ?? body)) }
}
