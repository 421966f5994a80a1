// @ts-check
/**
 * Reads a TCP port from an environment variable, or the fallback when it is unset or empty.
 * Bad values are refused with a message naming the variable and the rule.
 * @param {string} name
 * @param {number} fallback
 * @param {NodeJS.ProcessEnv} [env]
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
