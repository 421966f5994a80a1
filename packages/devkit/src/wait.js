// @ts-check
// Waiting for a server that was just started: until it answers, or until it has plainly failed
// (its process exited), never longer than a deadline.
import net from 'node:net'

/** @typedef {import('./process.js').ProcessHandle} ProcessHandle */

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** @param {ProcessHandle | undefined} process @param {string} what */
function failIfExited(process, what) {
  const status = process?.exitStatus()
  if (process && status) {
    throw new Error(
      `${process.label} exited (${status.code ?? status.signal}) before ${what} answered\n${process.stderr() || process.stdout()}`,
    )
  }
}

/**
 * Resolves once `url` gives any HTTP response.
 * @param {string} url
 * @param {{ process?: ProcessHandle, timeoutMs?: number }} [options]
 */
export async function waitForHttp(url, { process, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    failIfExited(process, url)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) })
      await response.body?.cancel()
      return
    } catch {
      await sleep(50)
    }
  }
  failIfExited(process, url)
  throw new Error(`No answer from ${url} within ${timeoutMs} ms.`)
}

/** @param {number} port @param {string} host @returns {Promise<boolean>} */
function accepts(port, host) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host })
    socket.setTimeout(1000)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(false))
  })
}

/**
 * Resolves once host:port accepts TCP connections.
 * @param {number} port
 * @param {string} host
 * @param {{ process?: ProcessHandle, timeoutMs?: number }} [options]
 */
export async function waitForPort(port, host, { process, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    failIfExited(process, `${host}:${port}`)
    if (await accepts(port, host)) return
    await sleep(50)
  }
  throw new Error(`Nothing answered on ${host}:${port} within ${timeoutMs} ms.`)
}
