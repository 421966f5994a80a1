// @ts-check
// A package is done only when it works from its packed tarball, installed with plain npm in an
// empty folder: this packs workspace packages the way `pnpm publish` would (workspace: ranges
// rewritten) and installs them together into a fresh folder, as a consumer would.
//
// Each package is packed once per content: the tarball is kept in node_modules/.cache under a
// hash of what goes into it (its packed files, and the versions its workspace: ranges become),
// so that every packed-tarball test of a run, in any package's test process, installs the same
// tarball without packing it again, and a change to any packed file makes a new one.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { keepNativePrebuilds } from './native-prebuilds.js'
import { runOrThrow } from './process.js'
import { repoRoot, workspacePackageDir, workspacePackageDirs } from './workspace.js'

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
 * @param {Record<string, string>} [env]
 */
const mustRun = (command, args, cwd, env = {}) =>
  runOrThrow(command, args, { cwd, env, timeoutMs: 600_000 })

/**
 * Packs each named workspace package (once: see packWorkspacePackage) and installs all the
 * tarballs with `npm install` into a new empty folder. Packages that depend on each other get each
 * other's tarball, not the registry. `env` is added to npm's environment (e.g. another Node's
 * PATH and npm_config_nodedir, from nodeRelease); `add` names registry packages installed in the
 * same `npm install` (e.g. `vitest`, the newest that npm picks for that Node).
 * @param {string[]} names
 * @param {{ env?: Record<string, string>, add?: string[] }} [options]
 * @returns {Promise<Installed>}
 */
export async function installPacked(names, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'packed-'))
  const appDir = join(dir, 'consumer')
  mkdirSync(appDir)
  /** @type {Record<string, string>} */
  const tarballs = {}
  try {
    for (const name of names) tarballs[name] = await packWorkspacePackage(name)
    writeFileSync(
      join(appDir, 'package.json'),
      `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
    )
    await mustRun(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        // Packuments an earlier install cached are taken as they are, not asked for again: a
        // Prism tree is some 190 packages, and revalidating each one doubled an install's time.
        '--prefer-offline',
        ...Object.values(tarballs),
        ...(options.add ?? []),
      ],
      appDir,
      options.env,
    )
    await keepNativePrebuilds(appDir, options.env)
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
 * Every version of the package `name` in an install's node_modules tree, nested copies included
 * (what a consumer's Node actually loads, whatever npm chose for its engines).
 * @param {string} appDir a folder with node_modules/
 * @param {string} name
 * @returns {string[]} sorted; empty when npm installed none
 */
export function installedVersions(appDir, name) {
  /** @type {string[]} */
  const versions = []
  /** @param {string} modulesDir */
  const visit = (modulesDir) => {
    if (!existsSync(modulesDir)) return
    for (const entry of readdirSync(modulesDir)) {
      if (entry.startsWith('.')) continue
      const scoped = entry.startsWith('@')
      for (const dir of scoped
        ? readdirSync(join(modulesDir, entry)).map((inner) => join(modulesDir, entry, inner))
        : [join(modulesDir, entry)]) {
        const manifest = join(dir, 'package.json')
        if (!existsSync(manifest)) continue
        const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8'))
        if (found === name) versions.push(version)
        visit(join(dir, 'node_modules'))
      }
    }
  }
  visit(join(appDir, 'node_modules'))
  return versions.sort()
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

/** Where packed tarballs are kept between the tests of a run (and between runs of one clone). */
export const packCacheDir = join(repoRoot, 'node_modules', '.cache', 'solapi-packed')

/**
 * The tarball `pnpm pack` makes of a workspace package, packed only when no tarball of the same
 * content is cached. Packing goes to a folder of its own and is renamed into the cache, so two
 * test processes packing the same package at once each end with a whole tarball.
 * @param {string} name
 * @returns {Promise<string>} the .tgz path
 */
export async function packWorkspacePackage(name) {
  const packageDir = workspacePackageDir(name)
  const safeName = name.replace(/^@/, '').replace(/\//g, '-')
  const tarball = join(packCacheDir, `${safeName}-${packContentHash(packageDir)}.tgz`)
  if (existsSync(tarball)) return tarball
  mkdirSync(packCacheDir, { recursive: true })
  const work = mkdtempSync(join(packCacheDir, `.${safeName}-`))
  try {
    await mustRun('pnpm', ['pack', '--pack-destination', work], packageDir)
    const made = readdirSync(work).find((file) => file.endsWith('.tgz'))
    if (!made) throw new Error(`pnpm pack of ${name} wrote no tarball`)
    // Older tarballs of this package (its name, then a hash: not another package whose name
    // starts with this one's) are never asked for again once the content moved on.
    const ofThisPackage = (/** @type {string} */ file) =>
      file.startsWith(`${safeName}-`) && /^[0-9a-f]{16}\.tgz$/.test(file.slice(safeName.length + 1))
    for (const old of readdirSync(packCacheDir).filter(ofThisPackage)) {
      rmSync(join(packCacheDir, old), { force: true })
    }
    renameSync(join(work, made), tarball)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return tarball
}

/**
 * A hash of everything that decides a package's tarball: the path and bytes of each file npm
 * would pack, and the version of each workspace package (what pnpm writes for `workspace:`).
 * @param {string} packageDir
 * @returns {string}
 */
export function packContentHash(packageDir) {
  const known = contentHashes.get(packageDir)
  if (known) return known
  const hash = createHash('sha256')
  for (const file of filesThatMayBePacked(packageDir)) {
    hash.update(`${file}\0`)
    hash.update(readFileSync(join(packageDir, file)))
    hash.update('\0')
  }
  for (const [name, dir] of workspacePackageDirs()) {
    hash.update(`${name}@${JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version}\0`)
  }
  const digest = hash.digest('hex').slice(0, 16)
  contentHashes.set(packageDir, digest)
  return digest
}

/** Root files npm packs whatever `files` says (and a few it once did: a superset is safe). */
const ALWAYS_PACKED =
  /^(package\.json|(readme|license|licence|changelog|changes|history|notice)(\.[^.]*)?)$/i

/**
 * Every file the tarball may hold, sorted: a superset of npm's list, so that a change to any
 * packed file changes the hash (a change to a file npm would leave out at worst packs again).
 * Read from `files` when it names only plain paths: package.json, the readme and licence, the
 * main file and the bins, and every file under each entry. Otherwise npm decides (`npm pack --dry-run`, a couple of
 * CPU-seconds: it loads the whole dependency tree), as it does for the tests of what is packed.
 * @param {string} packageDir
 * @returns {string[]}
 */
export function filesThatMayBePacked(packageDir) {
  const { files, main, bin } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
  const plain = (/** @type {unknown} */ entry) =>
    typeof entry === 'string' && !/[*?![\]{}]/.test(entry) && !entry.split('/').includes('..')
  if (!Array.isArray(files) || !files.every(plain)) return packedFiles(packageDir).sort()
  const found = new Set(readdirSync(packageDir).filter((entry) => ALWAYS_PACKED.test(entry)))
  /** @param {string} path relative to the package */
  const add = (path) => {
    const full = join(packageDir, path)
    if (!existsSync(full)) return
    if (!statSync(full).isDirectory()) found.add(path)
    else for (const entry of readdirSync(full)) add(`${path}/${entry}`)
  }
  // npm also packs the main file and the bins wherever they are.
  const alsoPacked = [main, ...(typeof bin === 'string' ? [bin] : Object.values(bin ?? {}))]
  for (const entry of [...files, ...alsoPacked.filter(plain)]) {
    add(entry.replace(/^\.?\/+|\/+$/g, ''))
  }
  return [...found].sort()
}

/**
 * Hashes already taken by this process: the packed files do not change while tests run (turbo
 * builds before testing).
 * @type {Map<string, string>}
 */
const contentHashes = new Map()
