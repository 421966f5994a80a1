// The package as it is published: publint-clean, only the built files, and the tarball working
// when installed with plain npm in an empty folder, as a bin against a real sandbox and as a
// library.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  freePort,
  type Installed,
  installPacked,
  packedFiles,
  type RunningSandbox,
  runProcess,
  startSandboxProcess,
} from '@solapi/devkit'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { publint } from 'publint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checks } from '../../src/index.js'

const packageDir = fileURLToPath(new URL('../../', import.meta.url))
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
const BIN = 'solapi-credentials-conformance'

describe('package', () => {
  it('passes publint in strict mode', async () => {
    const { messages } = await publint({ pkgDir: packageDir, strict: true })
    expect(messages).toEqual([])
  })

  it('packs only the built ESM, its declarations, the README, the LICENSE and package.json', () => {
    const files = packedFiles(packageDir)
    const outside = files.filter(
      (f) =>
        !/^dist\/.+\.(js|d\.ts)$/.test(f) && !['README.md', 'LICENSE', 'package.json'].includes(f),
    )
    expect(outside).toEqual([])
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      expect(files).toContain(file.replace(/\.js$/, '.d.ts'))
    }
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'LICENSE', 'dist/cli/bin.js', 'dist/index.js']),
    )
  })

  it('declares the bin, which runs on plain Node', () => {
    expect(pkg.bin).toEqual({ [BIN]: './dist/cli/bin.js' })
    expect(readFileSync(join(packageDir, 'dist/cli/bin.js'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    )
  })
})

describe('the packed tarball, installed with plain npm in an empty folder', () => {
  let installed: Installed
  let sandbox: RunningSandbox
  beforeAll(async () => {
    ;[installed, sandbox] = await Promise.all([
      installPacked([
        '@solapi/credentials-spec',
        '@solapi/credentials-client',
        '@solapi/credentials-conformance',
      ]),
      startSandboxProcess({ env: { LOG_LEVEL: 'silent' } }),
    ])
  })
  afterAll(async () => {
    installed?.remove()
    await sandbox?.stop()
  })

  const kit = (args: string[], env: Record<string, string> = {}) =>
    runProcess(installed.bin(BIN), args, { cwd: installed.dir, env, timeoutMs: 120_000 })
  const target = () => [
    '--url',
    sandbox.url,
    '--api-key',
    sandbox.apiKey,
    '--api-secret',
    sandbox.apiSecret,
  ]

  it('runs against a real sandbox: exit 0, the summary with requests per second, both reports', async () => {
    const result = await kit([
      ...target(),
      '--examples',
      '20',
      '--report',
      'junit=reports/junit.xml',
      '--report',
      'json=reports/conformance.json',
    ])
    expect(result.stderr).toContain(
      `Checking ${sandbox.url}: every check (loopback: writes allowed)`,
    )
    expect(result.stdout).toMatch(/^Check +Requests +Result$/m)
    for (const { id } of checks)
      expect(result.stdout).toMatch(new RegExp(`^${id} +[\\d,]+ +pass$`, 'm'))
    expect(result.stdout).toMatch(
      new RegExp(
        `^${checks.length} checks: ${checks.length} passed, 0 failed, 0 skipped · [\\d,]+ requests in [\\d.]+ s \\([\\d,]+ req/s\\) · seed \\d+$`,
        'm',
      ),
    )
    expect(result.code).toBe(0)
    for (const output of [result.stdout, result.stderr])
      expect(output).not.toContain(sandbox.apiSecret)

    const xml = readFileSync(join(installed.dir, 'reports/junit.xml'), 'utf8')
    expect(XMLValidator.validate(xml)).toBe(true)
    const suites = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => ['testsuite', 'testcase'].includes(name),
    }).parse(xml).testsuites
    expect(suites['@_tests']).toBe(String(checks.length))
    expect(suites['@_failures']).toBe('0')
    const cases = suites.testsuite.flatMap((suite: { testcase: unknown[] }) => suite.testcase)
    expect(cases.map((c: { '@_name': string }) => c['@_name']).sort()).toEqual(
      checks.map((c) => c.id).sort(),
    )

    const json = JSON.parse(readFileSync(join(installed.dir, 'reports/conformance.json'), 'utf8'))
    expect(json).toMatchObject({ passed: true, examples: 20, url: sandbox.url })
    expect(json.checks).toHaveLength(checks.length)
    expect(json.requestsPerSecond).toBeGreaterThan(0)
  })

  it('takes the URL and the credential from SOLAPI_* variables, and works as a library', async () => {
    const script = `
      import { runConformance } from '@solapi/credentials-conformance'
      const result = await runConformance({
        url: process.env.SOLAPI_BASE_URL,
        apiKey: process.env.SOLAPI_API_KEY,
        apiSecret: process.env.SOLAPI_API_SECRET,
        examples: 5,
        only: ['auth'],
      })
      console.log(result.passed, result.checks.map((c) => c.id).join(','))
    `
    const env = {
      SOLAPI_BASE_URL: sandbox.url,
      SOLAPI_API_KEY: sandbox.apiKey,
      SOLAPI_API_SECRET: sandbox.apiSecret,
    }
    const library = await runProcess(process.execPath, ['--input-type=module', '-e', script], {
      cwd: installed.dir,
      env,
    })
    const authIds = checks.filter((c) => c.group === 'auth').map((c) => c.id)
    expect(library.stdout).toBe(`true ${authIds.join(',')}\n`)
    const cli = await kit(['--examples', '5', '--only', 'auth.missing-header'], env)
    expect(cli.stdout).toMatch(/^auth\.missing-header +5 +pass$/m)
    expect(cli.code).toBe(0)
  })

  it('exits 2 on a usage error, naming the option and the rule', async () => {
    const result = await kit([...target(), '--examples', '0'])
    expect(result.stderr).toBe(
      `${BIN}: --examples must be an integer from 1 to 100000, got 0\nRun ${BIN} --help for the options.\n`,
    )
    expect(result.code).toBe(2)
  })

  it('exits 2 when the server refuses the credential, naming the option', async () => {
    const wrong = 'A'.repeat(32)
    const result = await kit([
      '--url',
      sandbox.url,
      '--api-key',
      sandbox.apiKey,
      '--api-secret',
      wrong,
    ])
    expect(result.stderr).toBe(
      `${BIN}: --api-secret must be an active credential of the account: the server refused a signed getCredentialList with 403 SignatureDoesNotMatch\nRun ${BIN} --help for the options.\n`,
    )
    expect(result.code).toBe(2)
  })

  it('exits 2 when nothing answers at the URL', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`
    const result = await kit([
      '--url',
      closed,
      '--api-key',
      sandbox.apiKey,
      '--api-secret',
      sandbox.apiSecret,
    ])
    expect(result.stderr).toContain(
      `${BIN}: --url must reach a server: nothing answers POST ${closed}/credentials/getCredentialList (ECONNREFUSED)`,
    )
    expect(result.code).toBe(2)
  })
})
