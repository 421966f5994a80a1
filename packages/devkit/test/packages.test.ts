import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  installedVersions,
  packCacheDir,
  packContentHash,
  packedFiles,
  packWorkspacePackage,
  workspacePackageDir,
} from '../src/index.js'
import { filesThatMayBePacked } from '../src/packages.js'

const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

/** A package folder with `files: ["dist"]`, its dist file, and a file npm would not pack. */
function packageWith(distText: string, notPacked = 'x') {
  const dir = mkdtempSync(join(tmpdir(), 'pack-hash-'))
  made.push(dir)
  mkdirSync(join(dir, 'dist'))
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'hash-probe', version: '1.0.0', files: ['dist'] }),
  )
  writeFileSync(join(dir, 'dist', 'index.js'), distText)
  writeFileSync(join(dir, 'notes.txt'), notPacked)
  return dir
}

describe('packContentHash', () => {
  it('changes with a packed file and not with a file the tarball leaves out', () => {
    const base = packContentHash(packageWith('export const a = 1\n'))
    expect(base).toMatch(/^[0-9a-f]{16}$/)
    expect(packContentHash(packageWith('export const a = 1\n', 'other notes'))).toBe(base)
    expect(packContentHash(packageWith('export const a = 2\n'))).not.toBe(base)
  })
})

describe('filesThatMayBePacked', () => {
  it('holds every file npm packs, read from the files field without npm, and not what it leaves out', () => {
    const dir = packageWith('export const a = 1\n')
    writeFileSync(join(dir, 'README.md'), '# probe\n')
    writeFileSync(join(dir, 'LICENSE'), 'MIT\n')
    mkdirSync(join(dir, 'dist', 'nested'))
    writeFileSync(join(dir, 'dist', 'nested', 'b.js'), 'export {}\n')
    const ours = filesThatMayBePacked(dir)
    expect(ours).toEqual(expect.arrayContaining(packedFiles(dir)))
    expect(ours).toContain('dist/nested/b.js')
    expect(ours).not.toContain('notes.txt')
  })

  it('holds the main file and the bins npm packs from outside the files field', () => {
    const dir = packageWith('export const a = 1\n')
    mkdirSync(join(dir, 'lib'))
    writeFileSync(join(dir, 'lib', 'main.js'), 'export {}\n')
    writeFileSync(join(dir, 'cli.js'), '#!/usr/bin/env node\n')
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'hash-probe',
        version: '1.0.0',
        files: ['dist'],
        main: './lib/main.js',
        bin: { probe: 'cli.js' },
      }),
    )
    const ours = filesThatMayBePacked(dir)
    expect(ours).toEqual(expect.arrayContaining(packedFiles(dir)))
    expect(ours).toEqual(expect.arrayContaining(['lib/main.js', 'cli.js']))
  })

  it('is what npm packs of a workspace package', () => {
    const dir = workspacePackageDir('@solapi/credentials-spec')
    expect(filesThatMayBePacked(dir)).toEqual(packedFiles(dir).sort())
  })

  it('asks npm when the files field holds a pattern', () => {
    const dir = packageWith('export const a = 1\n')
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'hash-probe', version: '1.0.0', files: ['dist/*.js'] }),
    )
    writeFileSync(join(dir, 'dist', 'left-out.txt'), 'x')
    expect(filesThatMayBePacked(dir)).toEqual(['dist/index.js', 'package.json'])
  })
})

describe('packWorkspacePackage', () => {
  it('packs a workspace package once: a second call returns the same cached tarball', async () => {
    const first = await packWorkspacePackage('@solapi/credentials-spec')
    expect(first.startsWith(packCacheDir)).toBe(true)
    expect(first).toMatch(/solapi-credentials-spec-[0-9a-f]{16}\.tgz$/)
    const written = statSync(first).mtimeMs
    const second = await packWorkspacePackage('@solapi/credentials-spec')
    expect(second).toBe(first)
    expect(statSync(second).mtimeMs).toBe(written)
  })
})

describe('installedVersions', () => {
  it('finds every copy of a package, scoped or not, nested under another one', () => {
    const app = mkdtempSync(join(tmpdir(), 'installed-'))
    made.push(app)
    const put = (path: string, name: string, version: string) => {
      mkdirSync(join(app, path), { recursive: true })
      writeFileSync(join(app, path, 'package.json'), JSON.stringify({ name, version }))
    }
    put('node_modules/@scope/part', '@scope/part', '5.16.0')
    put('node_modules/host', 'host', '1.0.0')
    put('node_modules/host/node_modules/@scope/part', '@scope/part', '5.8.0')
    put('node_modules/.bin/@scope/part', '@scope/part', '0.0.1')
    expect(installedVersions(app, '@scope/part')).toEqual(['5.16.0', '5.8.0'])
    expect(installedVersions(app, 'host')).toEqual(['1.0.0'])
    expect(installedVersions(app, 'absent')).toEqual([])
  })
})
