// @ts-check
// Whether a server keeps an idle keep-alive connection: a raw HTTP/1.1 request on one connection,
// its answer, a silence, then the same request again, for tests of a server's keep-alive timeout
// (fetch would open a new connection instead of saying that the old one was closed).
import net from 'node:net'

/**
 * Sends `request` (raw HTTP/1.1 with `Connection: keep-alive`) on one connection to
 * 127.0.0.1:`port`, waits `idleMs` after its answer, and sends it again. Resolves, once the
 * connection closes or has carried two answers, with the status line of each answer, such as
 * `HTTP/1.1 404`: one when the server closed the idle connection, two when it kept it.
 * @param {{ port: number, request: string, idleMs: number }} options
 * @returns {Promise<string[]>}
 */
export function statusesAcrossIdle({ port, request, idleMs }) {
  return new Promise((resolve, reject) => {
    let received = ''
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(request))
    socket.setEncoding('utf8')
    const statuses = () => received.match(/HTTP\/1\.1 \d{3}/g) ?? []
    let sentAgain = false
    socket.on('data', (chunk) => {
      received += chunk
      if (!sentAgain && statuses().length === 1) {
        sentAgain = true
        setTimeout(() => {
          if (!socket.destroyed) socket.write(request)
        }, idleMs)
      }
      if (statuses().length === 2) socket.destroy()
    })
    socket.on('error', reject)
    socket.on('close', () => resolve(statuses()))
  })
}
