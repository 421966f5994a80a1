// @ts-check
// Waiting for a server that was just started: until it answers, or until it has plainly failed
// (its process exited), never longer than a deadline.
import net from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

/** @typedef {import('./process.js').ProcessHandle} ProcessHandle */

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
 * Tries `attempt` every 50 ms until it gives true or `timeoutMs` is over, failing at once if
 * `process` exits first. Resolves with whether it succeeded in time.
 * @param {() => Promise<boolean>} attempt
 * @param {{ process?: ProcessHandle, what: string, timeoutMs: number }} options
 */
async function pollUntil(attempt, { process, what, timeoutMs }) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    failIfExited(process, what)
    if (await attempt()) return true
    await sleep(50)
  }
  return false
}

/**
 * Whether host:port accepts a TCP connection now; false when it refuses or gives no answer
 * within a second.
 * @param {number} port
 * @param {string} host
 * @returns {Promise<boolean>}
 */
export function acceptsConnections(port, host) {
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
  const what = `${host}:${port}`
  if (await pollUntil(() => acceptsConnections(port, host), { process, what, timeoutMs })) return
  throw new Error(`Nothing answered on ${host}:${port} within ${timeoutMs} ms.`)
}
