// @ts-check
// Debian packages the tests need (Chromium, PostgreSQL), installed with apt-get only when they
// are missing and this user may: root on a machine with apt-get.
import { existsSync } from 'node:fs'
import { runOrThrow } from './process.js'

/** Whether this process runs as root (false where there are no uids). */
export const isRoot = () => process.getuid?.() === 0

/** Whether this process may install Debian packages. */
export function canInstallPackages() {
  return isRoot() && existsSync('/usr/bin/apt-get')
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
    await runOrThrow('apt-get', args, {
      env,
      timeoutMs: 900_000,
      failure: `apt-get ${args.join(' ')} failed:`,
    })
  }
}
