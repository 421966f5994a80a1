// @ts-check
// A package is done only when it works from its packed tarball, installed with plain npm in an
// empty folder: this packs workspace packages the way `pnpm publish` would (workspace: ranges
// rewritten) and installs them together into a fresh folder, as a consumer would.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runOrThrow } from './process.js'
import { workspacePackageDir } from './workspace.js'

/**
 * @typedef {object} Installed
 * @property {string} dir the consumer's folder (it has node_modules/)
 * @property {Record<string, string>} tarballs package name to the .tgz that was installed
 * @property {(name: string) => string} bin the path of an installed bin
 * @property {() => void} remove deletes the folder
 */

/**
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 */
const mustRun = (command, args, cwd) => runOrThrow(command, args, { cwd, timeoutMs: 600_000 })

/**
 * Packs each named workspace package and installs all the tarballs with `npm install` into a new
 * empty folder. Packages that depend on each other get each other's tarball, not the registry.
 * @param {string[]} names
 * @returns {Promise<Installed>}
 */
export async function installPacked(names) {
  const dir = mkdtempSync(join(tmpdir(), 'packed-'))
  const tarballDir = join(dir, 'tarballs')
  const appDir = join(dir, 'consumer')
  mkdirSync(tarballDir)
  mkdirSync(appDir)
  /** @type {Record<string, string>} */
  const tarballs = {}
  try {
    for (const name of names) {
      const before = new Set(readdirSync(tarballDir))
      await mustRun('pnpm', ['pack', '--pack-destination', tarballDir], workspacePackageDir(name))
      const made = readdirSync(tarballDir).find((file) => !before.has(file))
      if (!made) throw new Error(`pnpm pack of ${name} wrote no tarball`)
      tarballs[name] = join(tarballDir, made)
    }
    writeFileSync(
      join(appDir, 'package.json'),
      `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
    )
    await mustRun(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', ...Object.values(tarballs)],
      appDir,
    )
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return {
    dir: appDir,
    tarballs,
    bin: (name) => join(appDir, 'node_modules', '.bin', name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/**
 * The paths (relative to the package) that `npm pack` would put into the package's tarball, as
 * `npm publish` would: without running its scripts.
 * @param {string} packageDir
 * @returns {string[]}
 */
export function packedFiles(packageDir) {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: packageDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  )
  return packed.files.map((/** @type {{ path: string }} */ file) => file.path)
}
