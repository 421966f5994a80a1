// The package as it is published: publint-clean, types that resolve, only the built files and
// the schema, and the tarball installed with plain npm in an empty folder running its bin on
// Node, Bun and Deno against a real sandbox.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type Installed,
  installPacked,
  packedFiles,
  type RunningSandbox,
  runProcess,
  runtimeBinary,
  startSandboxProcess,
} from '@solapi/devkit'
import { publint } from 'publint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const packageDir = fileURLToPath(new URL('../../', import.meta.url))
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
const BIN = 'solapi-credentials'

describe('package', () => {
  it('passes publint in strict mode', async () => {
    const { messages } = await publint({ pkgDir: packageDir, strict: true })
    expect(messages).toEqual([])
  })

  it('has types that resolve for ESM consumers (are-the-types-wrong, esm-only profile)', () => {
    const attw = join(packageDir, 'node_modules/.bin/attw')
    const output = execFileSync(
      attw,
      ['--pack', '.', '--profile', 'esm-only', '--format', 'json'],
      {
        cwd: packageDir,
        encoding: 'utf8',
      },
    )
    expect(JSON.parse(output).analysis.packageName).toBe('@solapi/credentials-cli')
  })

  it('packs only the built ESM, its declarations, the schema, README, LICENSE and package.json', () => {
    const files = packedFiles(packageDir)
    const outside = files.filter(
      (f) =>
        !/^dist\/.+\.(js|d\.ts)$/.test(f) &&
        !['README.md', 'LICENSE', 'package.json', 'schema/output.schema.json'].includes(f),
    )
    expect(outside).toEqual([])
    expect(files).toEqual(expect.arrayContaining(['dist/bin.js', 'dist/generated/commands.js']))
  })

  it('depends on the client alone, and declares the bin', () => {
    expect(Object.keys(pkg.dependencies)).toEqual(['@solapi/credentials-client'])
    expect(pkg.bin).toEqual({ [BIN]: './dist/bin.js' })
    expect(readFileSync(join(packageDir, 'dist/bin.js'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    )
  })
})

describe('the packed tarball, installed with plain npm in an empty folder', () => {
  let installed: Installed
  let sandbox: RunningSandbox
  beforeAll(async () => {
    ;[installed, sandbox] = await Promise.all([
      installPacked(['@solapi/credentials-client', '@solapi/credentials-cli']),
      startSandboxProcess({ env: { LOG_LEVEL: 'silent' } }),
    ])
  })
  afterAll(async () => {
    installed?.remove()
    await sandbox?.stop()
  })

  const env = () => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: installed.dir,
    SOLAPI_BASE_URL: sandbox.url,
    SOLAPI_API_KEY: sandbox.apiKey,
    SOLAPI_API_SECRET: sandbox.apiSecret,
    NO_COLOR: '1',
  })
  const script = () => join(installed.dir, 'node_modules/@solapi/credentials-cli/dist/bin.js')

  it('reports its install size (the package and its dependencies)', () => {
    const du = (path: string) =>
      Number(execFileSync('du', ['-sk', path], { encoding: 'utf8' }).split('\t')[0])
    const modules = join(installed.dir, 'node_modules')
    const cli = du(join(modules, '@solapi/credentials-cli'))
    const total = du(modules)
    console.log(
      `install size: @solapi/credentials-cli ${cli} KiB, with its dependencies ${total} KiB`,
    )
    expect(cli).toBeGreaterThan(0)
  })

  it.each([
    ['node', [] as string[]],
    ['bun', []],
    ['deno', ['run', '-A']],
  ] as const)(
    'lists the keys on %s, secrets masked, and refuses a bad key with exit 2',
    async (runtime, flags) => {
      const binary = runtime === 'node' ? installed.bin(BIN) : runtimeBinary(runtime)
      const args = runtime === 'node' ? [] : [...flags, script()]
      const listed = await runProcess(binary, [...args, 'list', '--json'], {
        cwd: installed.dir,
        env: env(),
        extendEnv: false,
      })
      expect(listed.code, listed.stderr).toBe(0)
      expect(JSON.parse(listed.stdout).credentials).toEqual([
        expect.objectContaining({ apiKey: sandbox.apiKey, credentialStatus: 'active' }),
      ])
      expect(listed.stdout + listed.stderr).not.toContain(sandbox.apiSecret)
      const bad = await runProcess(binary, [...args, 'get', 'nope'], {
        cwd: installed.dir,
        env: env(),
        extendEnv: false,
      })
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain('<apiKey> must match ^[A-Z0-9]{16}$')
    },
  )
})
