// @ts-check
// TCP ports: a free one for a test server (get-port asks the OS), a check that a fixed one is
// free before anything starts, and a port read from an environment variable.
import net from 'node:net'
import getPort from 'get-port'

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
 * A port that was free a moment ago on `host`.
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export function freePort(host = '127.0.0.1') {
  return getPort({ host })
}

/**
 * Resolves when nothing listens on host:port; rejects with PortInUseError when something does.
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
 * A TCP port from an environment variable, or `fallback` when it is unset or empty. A bad value
 * is refused with a message naming the variable and the rule.
 * @param {string} name
 * @param {number} fallback
 * @param {Record<string, string | undefined>} [env]
 * @returns {number}
 */
export function portFromEnv(name, fallback, env = process.env) {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const port = Number(raw)
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new RangeError(`${name} must be an integer from 1 to 65535, got "${raw}"`)
  }
  return port
}
