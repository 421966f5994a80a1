import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { repoRoot, workspacePackageDir, workspacePackageDirs } from '@solapi/devkit'
import { afterAll, describe, expect, it } from 'vitest'
import { findCrossings, readPackage } from './support/import-boundaries.ts'

/** The root package and the workspace packages, found as the devkit finds them. */
function workspacePackages(root: string) {
  return [root, ...workspacePackageDirs(root).values()].map(readPackage)
}

describe('package boundaries', () => {
  it('no import crosses a package boundary except through declared exports', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean)
      .map((file) => join(repoRoot, file))
    const packages = workspacePackages(repoRoot)
    expect(packages.map((pkg) => pkg.name)).toContain('@solapi/devkit')
    expect(workspacePackageDir('@solapi/devkit')).toBe(join(repoRoot, 'packages/devkit'))
    expect(findCrossings(packages, files)).toEqual([])
  })
})

describe('the boundary check itself', () => {
  const root = mkdtempSync(join(tmpdir(), 'boundaries-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  write('package.json', JSON.stringify({ name: 'root', private: true }))
  write('pnpm-workspace.yaml', 'packages:\n  - pkgs/*\n')
  write(
    'pkgs/a/package.json',
    JSON.stringify({
      name: '@x/a',
      exports: { '.': './src/index.js', './extra': './src/extra.js' },
    }),
  )
  write(
    'pkgs/b/package.json',
    JSON.stringify({ name: '@x/b', devDependencies: { '@x/a': 'workspace:*' } }),
  )
  write('pkgs/c/package.json', JSON.stringify({ name: '@x/c' }))
  write('pkgs/a/src/index.js', "import { x } from './extra.js'\nexport const a = x\n")
  write(
    'pkgs/b/test/uses.test.ts',
    [
      "import { a } from '@x/a'",
      "import { b } from '@x/a/extra'",
      "import { helper } from '../../a/test/helper.ts'",
      "import { inner } from '@x/a/src/index.js'",
      // Split so that this file does not itself hold the file reference it plants.
      ['const spec = new URL(', "'../../a/src/index.js'", ', import.meta.url)'].join(''),
      "const later = await import('@x/c')",
    ].join('\n'),
  )

  it('finds a relative import into another package, an unexported subpath, an undeclared dependency and a file URL', () => {
    const files = ['pkgs/a/src/index.js', 'pkgs/b/test/uses.test.ts'].map((f) => join(root, f))
    expect(findCrossings(workspacePackages(root), files)).toEqual([
      {
        file: 'test/uses.test.ts',
        specifier: '../../a/test/helper.ts',
        problem: 'leaves @x/b for @x/a',
      },
      {
        file: 'test/uses.test.ts',
        specifier: '@x/a/src/index.js',
        problem: '@x/a does not export ./src/index.js (it exports ., ./extra)',
      },
      {
        file: 'test/uses.test.ts',
        specifier: '@x/c',
        problem: '@x/c is not a declared dependency',
      },
      {
        file: 'test/uses.test.ts',
        specifier: '../../a/src/index.js',
        problem: 'leaves @x/b for @x/a',
      },
    ])
  })
})
