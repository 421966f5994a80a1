// One hostile conversation over a raw TCP socket (node:net): fetch and node:http normalise away
// exactly the framing these shapes are about. The client writes its steps (bytes, a stream it
// stops once the server has answered, one byte at a time, pauses, a half-close or an abort),
// reads everything the server sends, and ends at the first of: the responses it waits for are
// whole, the server closed, the client aborted, or the bound ran out.
import net from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { type ParsedStream, parseResponses } from './response-parser.ts'

export type Step =
  /** Bytes written at once. */
  | { write: Uint8Array }
  /** Chunks written with backpressure, stopping as soon as the server answers or closes. */
  | { stream: () => Iterable<Uint8Array> }
  /** Bytes written one at a time, `everyMs` apart, stopping if the server answers or closes. */
  | { drip: Uint8Array; everyMs: number }
  | { pause: number }
  /** Waits up to `ms` for any byte from the server (an interim 100 Continue, say). */
  | { awaitBytes: number }
  /** Opens `crowd` more connections that send nothing, holds them `holdMs`, then drops them. */
  | { crowd: number; holdMs: number }
  /** Half-close: the client sends FIN and keeps reading. */
  | 'fin'
  /** The client drops the connection; no answer is awaited. */
  | 'abort'

export type End = 'complete' | 'server-closed' | 'client-aborted' | 'timeout'

export interface Exchange {
  end: End
  /** Everything received, up to `keepBytes`. */
  received: Buffer
  receivedBytes: number
  sentBytes: number
  elapsedMs: number
  /** When the first byte came, from the start. */
  firstByteMs?: number
  /** A socket error (ECONNRESET, EPIPE), which hostile input may well provoke. */
  socketError?: string
  parsed: ParsedStream
}

export interface ExchangeOptions {
  host: string
  port: number
  steps: Step[]
  /** Answer or close within this many ms from the start, or the exchange is a hang. */
  boundMs: number
  /** Complete once this many final responses are whole (default 1). */
  responses?: number
  /** After they are, wait this long for more (a smuggled second answer) before completing. */
  lingerMs?: number
  bodyless?: boolean
  /** How much of what the server sends is kept for checks (default 4 MiB). */
  keepBytes?: number
}

export function exchange(options: ExchangeOptions): Promise<Exchange> {
  const { steps, boundMs, responses: wanted = 1, lingerMs = 0, bodyless = false } = options
  const keepBytes = options.keepBytes ?? 4 * 1024 * 1024
  const started = performance.now()
  const socket = net.connect({ host: options.host, port: options.port })
  socket.setNoDelay(true)
  const chunks: Buffer[] = []
  let kept = 0
  let receivedBytes = 0
  let sentBytes = 0
  let firstByteMs: number | undefined
  let socketError: string | undefined
  let closedByServer = false
  let finished = false
  let lingerTimer: NodeJS.Timeout | undefined
  let resolveDone: (end: End) => void = () => {}
  const done = new Promise<End>((resolve) => {
    resolveDone = resolve
  })
  const finish = (end: End) => {
    if (finished) return
    finished = true
    clearTimeout(boundTimer)
    clearTimeout(lingerTimer)
    socket.destroy()
    resolveDone(end)
  }
  const bytes = () => Buffer.concat(chunks)
  const parsedNow = () => parseResponses(bytes(), { closed: closedByServer, bodyless })
  /** Whether a final response has begun, or the server is gone: time to stop sending. */
  const answered = () =>
    closedByServer || socket.destroyed || (receivedBytes > 0 && parsedNow().responses.length > 0)

  const boundTimer = setTimeout(() => finish('timeout'), boundMs)
  socket.on('data', (chunk: Buffer) => {
    firstByteMs ??= performance.now() - started
    receivedBytes += chunk.length
    if (kept < keepBytes) {
      chunks.push(chunk.subarray(0, keepBytes - kept))
      kept += Math.min(chunk.length, keepBytes - kept)
    }
    const whole = parsedNow().responses.filter((response) => response.complete).length
    if (whole >= wanted) {
      clearTimeout(lingerTimer)
      lingerTimer = setTimeout(() => finish('complete'), lingerMs)
    }
  })
  socket.on('end', () => {
    closedByServer = true
    finish('server-closed')
  })
  socket.on('close', () => {
    closedByServer = true
    finish('server-closed')
  })
  socket.on('error', (error: NodeJS.ErrnoException) => {
    socketError ??= error.code ?? error.message
  })

  /** Writes one chunk; resolves once the socket takes more, or is gone. */
  const write = async (chunk: Uint8Array) => {
    if (finished || socket.destroyed || !socket.writable) return false
    sentBytes += chunk.length
    if (socket.write(chunk)) return true
    await new Promise<void>((resolve) => {
      const go = () => {
        socket.off('drain', go)
        socket.off('close', go)
        resolve()
      }
      socket.on('drain', go)
      socket.on('close', go)
    })
    return !finished && !socket.destroyed
  }

  const run = async () => {
    await new Promise<void>((resolve) => {
      socket.once('connect', () => resolve())
      socket.once('close', () => resolve())
    })
    for (const step of steps) {
      if (finished) return
      if (step === 'abort') return finish('client-aborted')
      if (step === 'fin') {
        socket.end()
      } else if ('write' in step) {
        await write(step.write)
      } else if ('stream' in step) {
        for (const chunk of step.stream()) {
          if (answered() || !(await write(chunk))) break
          // Let the server's answer in before the next chunk: once a server that refused the
          // body closes, a write fails and Node drops what it had not read yet.
          await new Promise((resolve) => setImmediate(resolve))
        }
      } else if ('drip' in step) {
        for (const byte of step.drip) {
          if (answered() || !(await write(Uint8Array.of(byte)))) break
          await sleep(step.everyMs)
        }
      } else if ('pause' in step) {
        await sleep(step.pause)
      } else if ('crowd' in step) {
        const idle = Array.from({ length: step.crowd }, () =>
          net.connect({ host: options.host, port: options.port }).on('error', () => {}),
        )
        await sleep(step.holdMs)
        for (const socket of idle) socket.destroy()
      } else if ('awaitBytes' in step) {
        const deadline = performance.now() + step.awaitBytes
        while (receivedBytes === 0 && !finished && performance.now() < deadline) await sleep(10)
      }
    }
  }
  void run()

  return done.then((end) => ({
    end,
    received: bytes(),
    receivedBytes,
    sentBytes,
    elapsedMs: Math.round(performance.now() - started),
    ...(firstByteMs === undefined ? {} : { firstByteMs: Math.round(firstByteMs) }),
    ...(socketError === undefined ? {} : { socketError }),
    parsed: parseResponses(bytes(), { closed: end === 'server-closed', bodyless }),
  }))
}
