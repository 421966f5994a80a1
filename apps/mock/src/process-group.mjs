// @ts-check
// Child processes that leave nothing behind: each server runs detached in its own process group,
// so stopping it signals the whole group (Prism, a shell, pnpm and whatever they started), not
// just the direct child. Also: is a port free, wait until a port answers, find a free port.
import { spawn } from 'node:child_process'
import net from 'node:net'

/** A port that something else already listens on. The message names the port. */
export class PortInUseError extends Error {
  /** @param {number} port @param {string} host @param {string} [label] */
  constructor(port, host, label) {
    super(`${label ? `${label}: ` : ''}port ${port} on ${host} is already in use`)
    this.name = 'PortInUseError'
    this.port = port
    this.host = host
  }
}

/**
 * Resolves when nothing listens on host:port, rejects with PortInUseError when something does.
 * @param {number} port
 * @param {string} host
 * @param {string} [label] what the port is for, put in front of the message
 * @returns {Promise<void>}
 */
export function assertPortFree(port, host, label) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', (/** @type {NodeJS.ErrnoException} */ error) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, host, label) : error)
    })
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()))
  })
}

/**
 * A port that was free a moment ago on host (the OS picks it). For tests and tools.
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export function findFreePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen({ port: 0, host }, () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/**
 * Whether a TCP connection to host:port succeeds.
 * @param {number} port @param {string} host @returns {Promise<boolean>}
 */
function answers(port, host) {
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
 * Resolves once host:port accepts connections. Rejects if `child` exits first or after
 * `timeoutMs`.
 * @param {number} port
 * @param {string} host
 * @param {{ child?: import('node:child_process').ChildProcess, timeoutMs?: number, label?: string }} [options]
 * @returns {Promise<void>}
 */
export async function waitForPort(
  port,
  host,
  { child, timeoutMs = 60_000, label = 'server' } = {},
) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(
        `${label} exited (${child.exitCode ?? child.signalCode}) before ${host}:${port} answered`,
      )
    }
    if (await answers(port, host)) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${label} did not answer on ${host}:${port} within ${timeoutMs} ms`)
}

/**
 * Spawns `command` as the leader of a new process group (detached), so that stopGroup can signal
 * everything it starts. The child is not unref'd: this process keeps waiting for it.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 */
export function spawnGroup(command, args, options = {}) {
  return spawn(command, args, { ...options, detached: true })
}

/** @param {number} pgid @returns {boolean} whether any process of the group is still alive */
export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

/** @param {number} pgid @param {NodeJS.Signals} signal */
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal)
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Stops a child started with spawnGroup and everything in its group: SIGTERM first, SIGKILL
 * after `graceMs`. Resolves when no process of the group is left.
 * @param {import('node:child_process').ChildProcess} child
 * @param {{ graceMs?: number }} [options]
 * @returns {Promise<void>}
 */
export async function stopGroup(child, { graceMs = 5000 } = {}) {
  const pgid = child.pid
  if (pgid === undefined) return
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => child.once('exit', resolve))
  signalGroup(pgid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (groupAlive(pgid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL')
  await exited
  while (groupAlive(pgid)) await new Promise((resolve) => setTimeout(resolve, 50))
}
