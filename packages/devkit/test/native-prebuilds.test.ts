import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { keepNativePrebuilds } from '../src/native-prebuilds.js'

const dir = mkdtempSync(join(tmpdir(), 'prebuilds-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * An install whose `fast_addon` package builds through prebuild-install, with its own addon and
 * a test addon beside it; the prebuild-install stand-in names the cache file as the real one
 * does with --verbose, under this test's folder.
 */
function installWithAddon(cacheFile: string) {
  const app = join(dir, 'app')
  const addon = join(app, 'node_modules', 'fast-addon')
  mkdirSync(join(addon, 'build', 'Release'), { recursive: true })
  writeFileSync(
    join(addon, 'package.json'),
    JSON.stringify({
      name: 'fast-addon',
      scripts: { install: 'prebuild-install || node-gyp rebuild --release' },
    }),
  )
  writeFileSync(join(addon, 'build', 'Release', 'fast_addon.node'), 'the addon')
  writeFileSync(join(addon, 'build', 'Release', 'test_extension.node'), 'a test addon')
  const prebuildInstall = join(app, 'node_modules', 'prebuild-install')
  mkdirSync(prebuildInstall, { recursive: true })
  writeFileSync(
    join(prebuildInstall, 'bin.js'),
    `console.error('prebuild-install info looking for cached prebuild @ ${cacheFile}')\nprocess.exit(1)\n`,
  )
  return app
}

describe('keepNativePrebuilds', () => {
  it("keeps a built addon where prebuild-install looks, holding only the package's own addon", async () => {
    const cacheFile = join(
      dir,
      'cache',
      '_prebuilds',
      'abc123-fast-addon-v1.0.0-node-v127-linux-x64.tar.gz',
    )
    const app = installWithAddon(cacheFile)
    expect(await keepNativePrebuilds(app)).toEqual([cacheFile])
    const listed = execFileSync('tar', ['tzf', cacheFile], { encoding: 'utf8' })
    expect(listed.trim().split('\n')).toEqual(['build/Release/fast_addon.node'])
    // Kept once: a second install for the same Node leaves the file as it is.
    expect(await keepNativePrebuilds(app)).toEqual([])
    expect(existsSync(cacheFile)).toBe(true)
  })
})
