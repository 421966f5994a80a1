// @ts-check
// A consumer's `npm install` of better-sqlite3 downloads a prebuilt binary for its Node from
// GitHub (prebuild-install). This machine reaches only the npm registry, so each install would
// compile SQLite from source instead: minutes per Node on two cores. After an install has
// compiled one, this keeps it where prebuild-install itself looks first (its cache under
// ~/.npm/_prebuilds, the same file a download would have left there), so the next install for
// the same Node ABI takes it as a consumer's install takes a download: compiled once per machine.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { runProcess } from './process.js'

/**
 * The installed packages of `appDir` that install through prebuild-install and hold a built
 * native module, each put into prebuild-install's cache unless a file is already there.
 * @param {string} appDir a folder with node_modules/
 * @param {Record<string, string>} [env] the environment npm ran with (the Node it built for)
 * @returns {Promise<string[]>} the cache files written
 */
export async function keepNativePrebuilds(appDir, env = {}) {
  const written = []
  for (const packageDir of prebuiltPackages(join(appDir, 'node_modules'))) {
    const addon = mainAddon(packageDir)
    if (!addon) continue
    const cached = await cachedPrebuildPath(packageDir, env)
    if (!cached || existsSync(cached)) continue
    mkdirSync(dirname(cached), { recursive: true })
    const partial = `${cached}.${process.pid}.partial`
    const tar = await runProcess('tar', ['czf', partial, `build/Release/${addon}`], {
      cwd: packageDir,
    })
    if (tar.code === 0) {
      renameSync(partial, cached)
      written.push(cached)
    } else rmSync(partial, { force: true })
  }
  return written
}

/**
 * The package's own addon: a prebuilt archive holds that one file (prebuild-install loads the
 * last .node it unpacks, so a test addon beside it must stay out).
 * @param {string} packageDir
 */
function mainAddon(packageDir) {
  const name = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).name
  const expected = `${String(name).split('/').pop()?.replaceAll('-', '_')}.node`
  const built = readdirSync(join(packageDir, 'build', 'Release')).filter((f) => f.endsWith('.node'))
  if (built.includes(expected)) return expected
  return built.length === 1 ? built[0] : undefined
}

/** @param {string} nodeModules @returns {string[]} */
function prebuiltPackages(nodeModules) {
  if (!existsSync(nodeModules)) return []
  const dirs = readdirSync(nodeModules).flatMap((entry) =>
    entry.startsWith('@')
      ? readdirSync(join(nodeModules, entry)).map((name) => join(nodeModules, entry, name))
      : [join(nodeModules, entry)],
  )
  return dirs.filter((dir) => {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      return (
        String(manifest.scripts?.install ?? '').includes('prebuild-install') &&
        existsSync(join(dir, 'build', 'Release'))
      )
    } catch {
      return false
    }
  })
}

/**
 * Where prebuild-install looks for this package's binary for the Node on `env`'s PATH, as it
 * says itself (`--verbose`), so that its naming rules are not restated here. Undefined when it
 * does not say (another version of it).
 * @param {string} packageDir @param {Record<string, string>} env
 */
async function cachedPrebuildPath(packageDir, env) {
  const bin = findPrebuildInstall(packageDir)
  if (!bin) return undefined
  // A dry look: `--download` off is not an option of prebuild-install, but it reports the cache
  // path before any download, and a download that succeeds only leaves the same file.
  const result = await runProcess('node', [bin, '--verbose'], {
    cwd: packageDir,
    env,
    timeoutMs: 60_000,
  })
  return /looking for cached prebuild @ (\S+)/.exec(result.stderr)?.[1]
}

/** @param {string} packageDir */
function findPrebuildInstall(packageDir) {
  for (let dir = packageDir; dir !== dirname(dir); dir = dirname(dir)) {
    const bin = join(dir, 'node_modules', 'prebuild-install', 'bin.js')
    if (existsSync(bin)) return bin
    if (dir.endsWith('/node_modules')) {
      const sibling = join(dir, 'prebuild-install', 'bin.js')
      if (existsSync(sibling)) return sibling
    }
  }
  return undefined
}
