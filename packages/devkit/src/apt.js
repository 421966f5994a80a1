// @ts-check
// Debian packages the tests need (Chromium, PostgreSQL), installed with apt-get only when they
// are missing and this user may: root on a machine with apt-get.
import { existsSync } from 'node:fs'
import { runProcess } from './process.js'

/** Whether this process may install Debian packages. */
export function canInstallPackages() {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')
}

/**
 * Installs Debian packages (apt-get update, then install without recommends).
 * @param {string[]} packages
 */
export async function aptInstall(packages) {
  const env = { DEBIAN_FRONTEND: 'noninteractive' }
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...packages],
  ]) {
    const result = await runProcess('apt-get', args, { env, timeoutMs: 900_000 })
    if (result.code !== 0) throw new Error(`apt-get ${args.join(' ')} failed:\n${result.stderr}`)
  }
}
