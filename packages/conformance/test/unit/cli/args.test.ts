import { describe, expect, it } from 'vitest'
import { parseCommandLine, USAGE } from '../../../src/cli/args.js'
import { UsageError } from '../../../src/errors.js'
import { resolveOptions } from '../../../src/options.js'

const KEY = 'NCSOGH0TB3PDIGV1'
const SECRET = 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B'
const target = ['--url', 'http://127.0.0.1:4011', '--api-key', KEY, '--api-secret', SECRET]

/** The UsageError a command line ends with, once parsed and resolved like the CLI does. */
function usage(argv: string[], env: Record<string, string> = {}): UsageError {
  try {
    resolveOptions(parseCommandLine(argv, env).options)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return error as UsageError
  }
  throw new Error(`No usage error for ${argv.join(' ')}`)
}

describe('parseCommandLine', () => {
  it('reads every option', () => {
    const line = parseCommandLine([
      ...target,
      '--examples',
      '250',
      '--seed',
      '42',
      '--only',
      'auth,response.schema',
      '--only',
      'lifecycle.create',
      '--read-only',
      '--report',
      'junit=out/junit.xml',
      '--report',
      'json=out/report.json',
      '--timeout',
      '5000',
      '--concurrency',
      '2',
    ])
    expect(line.options).toEqual({
      url: 'http://127.0.0.1:4011',
      apiKey: KEY,
      apiSecret: SECRET,
      examples: 250,
      seed: 42,
      only: ['auth', 'response.schema', 'lifecycle.create'],
      readOnly: true,
      allowWrites: false,
      timeoutMs: 5000,
      concurrency: 2,
    })
    expect(line.reports).toEqual({ junit: 'out/junit.xml', json: 'out/report.json' })
    expect([line.help, line.version]).toEqual([false, false])
  })

  it('takes the URL and the credential from SOLAPI_* when the options are absent', () => {
    const env = {
      SOLAPI_BASE_URL: 'http://localhost:9',
      SOLAPI_API_KEY: KEY,
      SOLAPI_API_SECRET: SECRET,
    }
    expect(parseCommandLine([], env).options).toMatchObject({
      url: 'http://localhost:9',
      apiKey: KEY,
      apiSecret: SECRET,
    })
    // An option beats the variable.
    expect(parseCommandLine(['--url', 'http://127.0.0.1:1'], env).options.url).toBe(
      'http://127.0.0.1:1',
    )
  })

  it('leaves the defaults to the run', () => {
    const { options } = parseCommandLine(target)
    const resolved = resolveOptions(options)
    expect([resolved.examples, resolved.timeoutMs, resolved.concurrency]).toEqual([100, 10_000, 4])
    expect(resolved.seed).toBeGreaterThanOrEqual(0)
    expect([resolved.readOnly, resolved.allowWrites]).toEqual([false, false])
  })

  it('documents every option in --help', () => {
    for (const option of [
      '--url',
      '--api-key',
      '--api-secret',
      '--examples',
      '--seed',
      '--only',
      '--read-only',
      '--allow-writes',
      '--report',
      '--timeout',
      '--concurrency',
      'SOLAPI_BASE_URL',
      'SOLAPI_API_KEY',
      'SOLAPI_API_SECRET',
    ]) {
      expect(USAGE).toContain(option)
    }
    expect(Math.max(...USAGE.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80)
  })
})

describe('usage errors name the option and the rule', () => {
  it.each([
    [['--examples', 'many'], '--examples must be an integer, got "many"'],
    [['--examples', '0'], '--examples must be an integer from 1 to 100000, got 0'],
    [['--seed=-1'], '--seed must be an integer from 0 to 2147483647, got -1'],
    [['--timeout', '10'], '--timeout must be an integer from 100 to 600000, got 10'],
    [['--concurrency', '65'], '--concurrency must be an integer from 1 to 64, got 65'],
    [
      ['--report', 'html=x.html'],
      '--report must be junit=<file> or json=<file>, got "html=x.html"',
    ],
    [['--report', 'json=a', '--report', 'json=b'], '--report gives json twice'],
    [['--read-only', '--allow-writes'], '--read-only and --allow-writes cannot be given together'],
    [['--only', 'auth.nope'], '--only has no check "auth.nope"'],
    [['--colour'], '--colour is not an option of solapi-credentials-conformance (see --help)'],
    [['--examples'], '--examples needs a value'],
    [['http://127.0.0.1'], 'http://127.0.0.1 is not an option: options start with --'],
  ])('%j', (extra, message) => {
    const error = usage([...target, ...extra])
    expect(error.message.startsWith(message), error.message).toBe(true)
    expect(error.option).toBe(message.split(' ')[0])
  })

  it.each([
    [[], '--url is required (or set SOLAPI_BASE_URL)'],
    [['--url', 'ftp://example.com'], '--url must be an http or https URL, got "ftp://example.com"'],
    [['--url', 'not a url'], '--url must be an http or https URL, got "not a url"'],
    [['--url', 'http://127.0.0.1/?x=1'], '--url must have no query, fragment or user info'],
    [['--url', 'http://127.0.0.1'], '--api-key is required (or set SOLAPI_API_KEY)'],
    [
      ['--url', 'http://127.0.0.1', '--api-key', 'lower'],
      '--api-key must be 16 characters matching ^[A-Z0-9]{16}$, got "lower"',
    ],
    [
      ['--url', 'http://127.0.0.1', '--api-key', KEY],
      '--api-secret is required (or set SOLAPI_API_SECRET)',
    ],
  ])('%j', (argv, message) => {
    expect(usage(argv).message).toBe(message)
  })

  it('never shows the secret it refuses, only its length', () => {
    const secret = 'not-the-right-shape-but-secret'
    const error = usage(['--url', 'http://127.0.0.1', '--api-key', KEY, '--api-secret', secret])
    expect(error.message).toBe(
      `--api-secret must be 32 characters matching ^[A-Z0-9]{32}$ (got ${secret.length} characters)`,
    )
    expect(error.message).not.toContain(secret)
  })
})
