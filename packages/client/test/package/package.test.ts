import { execFileSync, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { installPacked, packedFiles, repoRoot, runProcess, startPrism } from '@solapi/devkit'
import { publint } from 'publint'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// Checks the package as it would be published: run after `build` (turbo's test dependsOn it).
const packageDir = fileURLToPath(new URL('../../', import.meta.url))
const read = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'))
const pkg = read('package.json')
const jsr = read('jsr.json')
const catalog: Record<string, string> = parse(
  readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8'),
).catalog

describe('package', () => {
  it('passes publint in strict mode', async () => {
    const { messages } = await publint({ pkgDir: packageDir, strict: true })
    expect(messages).toEqual([])
  })

  it('has types that resolve for ESM consumers (are-the-types-wrong, esm-only profile)', () => {
    const attw = fileURLToPath(new URL('../../node_modules/.bin/attw', import.meta.url))
    // Exits non-zero on any problem the profile does not ignore (it ignores CJS and node10).
    const output = execFileSync(
      attw,
      ['--pack', '.', '--profile', 'esm-only', '--format', 'json'],
      {
        cwd: packageDir,
        encoding: 'utf8',
      },
    )
    expect(JSON.parse(output).analysis.packageName).toBe('@solapi/credentials-client')
    // npm pack and a TypeScript program: seconds alone, more than the default bound when CI runs
    // three tasks on two cores.
  }, 120_000)

  it('packs only the built ESM, its declarations, the README, the LICENSE and package.json', () => {
    const files = packedFiles(packageDir)
    const outside = files.filter(
      (f) =>
        !/^dist\/.+\.(js|d\.ts)$/.test(f) && !['README.md', 'LICENSE', 'package.json'].includes(f),
    )
    expect(outside).toEqual([])
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']),
    )
    // Every module has its declaration file, and the generated types ship.
    const js = files.filter((f) => f.endsWith('.js'))
    for (const file of js) expect(files).toContain(file.replace(/\.js$/, '.d.ts'))
    expect(files).toContain('dist/generated/schema.d.ts')
  })

  it('is ESM-only, side-effect free, with openapi-fetch and @noble/hashes as its only dependencies', () => {
    expect(pkg.type).toBe('module')
    expect(pkg.sideEffects).toBe(false)
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@noble/hashes', 'openapi-fetch'])
  })
})

describe('sources', () => {
  it('import nothing from node: (one code path on every runtime)', () => {
    const files = readdirSync(new URL('../../src', import.meta.url), { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(10)
    const offenders = files.filter((file) =>
      /from ['"]node:|import\(['"]node:|require\(/.test(
        readFileSync(new URL(`../../src/${file}`, import.meta.url), 'utf8'),
      ),
    )
    expect(offenders).toEqual([])
  })
})

describe('jsr.json', () => {
  it('matches package.json name, version and license', () => {
    expect([jsr.name, jsr.version, jsr.license]).toEqual([pkg.name, pkg.version, pkg.license])
  })

  it('passes `deno publish --dry-run` (JSR type and slow-type checks)', () => {
    const run = spawnSync('deno', ['publish', '--dry-run', '--allow-dirty'], {
      cwd: packageDir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    })
    expect(run.stderr).toContain('Dry run complete')
    expect(run.status).toBe(0)
  }, 60_000)

  it('exports the same entry points, from the sources of the built files', () => {
    const npmEntries = Object.entries(pkg.exports as Record<string, { default: string }>)
      .filter(([subpath]) => subpath !== './package.json')
      .map(([subpath, target]) => [
        subpath,
        target.default.replace(/^\.\/dist\//, './src/').replace(/\.js$/, '.ts'),
      ])
    expect(Object.entries(jsr.exports)).toEqual(npmEntries)
  })

  it('imports each runtime dependency at the catalog version', () => {
    const imports = jsr.imports as Record<string, string>
    for (const name of Object.keys(pkg.dependencies)) {
      const specifier = Object.entries(imports).find(
        ([key]) => key.replace(/\/$/, '') === name,
      )?.[1]
      expect(specifier, name).toMatch(
        new RegExp(`^npm:/?${name}@\\^${catalog[name]?.replaceAll('.', '\\.')}/?$`),
      )
    }
    expect(Object.keys(imports)).toHaveLength(Object.keys(pkg.dependencies).length)
  })
})

describe('the packed tarball, installed with plain npm in an empty folder', () => {
  it('signs and sends a request that a real Prism mock answers', async () => {
    const [installed, prism] = await Promise.all([
      installPacked(['@solapi/credentials-client']),
      startPrism(),
    ])
    try {
      const script = `
        import { createCredentialsClient } from '@solapi/credentials-client'
        const client = createCredentialsClient({
          apiKey: 'NCSOGH0TB3PDIGV1',
          apiSecret: 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B',
          baseUrl: process.env.PRISM_URL,
        })
        const list = await client.getCredentialList()
        console.log(Object.keys(list.credentials).length > 0 ? 'listed' : 'empty')
      `
      const result = await runProcess(process.execPath, ['--input-type=module', '-e', script], {
        cwd: installed.dir,
        env: { PRISM_URL: prism.url },
      })
      expect(result.stderr).toBe('')
      expect(result.stdout).toBe('listed\n')
      expect(result.code).toBe(0)
    } finally {
      installed.remove()
      await prism.stop()
    }
  }, 300_000)
})
