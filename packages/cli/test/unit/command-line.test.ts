// The command line is checked before any request: every operation of the spec has a command,
// and a bad argument is refused naming the option and the spec's rule.
import { credentialsContract } from '@solapi/credentials-spec'
import { describe, expect, it } from 'vitest'
import { parseCommandLine } from '../../src/command-line.js'
import { COMMANDS } from '../../src/commands.js'
import { UsageError } from '../../src/errors.js'
import { API_KEY_RULE, SPEC_COMMANDS } from '../../src/generated/commands.js'

const refusal = (argv: string[]) => {
  try {
    parseCommandLine(argv)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return error as UsageError
  }
  throw new Error(`${argv.join(' ')} was accepted`)
}

describe('generated commands', () => {
  it('cover every operation of the spec, and both values of the status enum', () => {
    const ids = new Set(SPEC_COMMANDS.map((c) => c.operationId))
    expect([...ids].sort()).toEqual(credentialsContract.operations.map((o) => o.operationId).sort())
    const statuses = SPEC_COMMANDS.filter((c) => c.operationId === 'updateCredentialStatus').map(
      (c) => c.fixed.credentialStatus,
    )
    expect(statuses.sort()).toEqual(['active', 'inactive'])
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'list',
      'get',
      'create',
      'regenerate-secret',
      'activate',
      'deactivate',
      'delete',
      'login',
      'rotate',
    ])
  })

  it("carry the spec's ApiKey pattern and its summaries", () => {
    expect(new RegExp(API_KEY_RULE.pattern ?? '', 'u').source).toBe(
      credentialsContract.limits.apiKey.pattern.source,
    )
    for (const command of SPEC_COMMANDS) {
      const operation = credentialsContract.operation(command.operationId)
      expect(command.summary.startsWith(operation.summary ?? '')).toBe(true)
      expect(command.path).toBe(operation.path)
    }
  })
})

describe('parseCommandLine', () => {
  it('accepts a valid key and returns it as the argument', () => {
    const line = parseCommandLine(['get', 'NCSOGH0TB3PDIGV1', '--json'])
    expect(line.command?.name).toBe('get')
    expect(line.args).toEqual({ apiKey: 'NCSOGH0TB3PDIGV1' })
    expect(line.options.json).toBe(true)
  })

  it('refuses a key that breaks the spec pattern, naming the argument and the pattern', () => {
    const error = refusal(['get', 'ncsogh0tb3pdigv1'])
    expect(error.option).toBe('<apiKey>')
    expect(error.message).toContain('must match ^[A-Z0-9]{16}$')
    expect(error.message).toContain('rule: pattern')
  })

  it('never repeats a long value, which could be a pasted secret', () => {
    const secret = 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B'
    const error = refusal(['delete', secret])
    expect(error.message).not.toContain(secret)
    expect(error.message).toContain('32 characters (not shown)')
  })

  it('refuses a status outside the enum, listing the values', () => {
    const error = refusal(['list', '--status', 'paused'])
    expect(error.option).toBe('--status')
    expect(error.message).toContain('must be one of active, inactive (rule: enum)')
  })

  it('refuses a missing argument, an extra one, an unknown option and an unknown command', () => {
    expect(refusal(['delete']).option).toBe('<apiKey>')
    expect(refusal(['list', 'NCSOGH0TB3PDIGV1']).message).toContain('takes no arguments')
    expect(refusal(['list', '--force']).option).toBe('--force')
    expect(refusal(['remove', 'NCSOGH0TB3PDIGV1']).option).toBe('remove')
    expect(refusal(['list', '--base-url', 'ftp://x']).option).toBe('--base-url')
    expect(refusal(['rotate', 'NCSOGH0TB3PDIGV1', '--delete-after', 'soon']).option).toBe(
      '--delete-after',
    )
  })

  it('refuses a secret on the command line, pointing at the environment and login', () => {
    for (const argv of [
      ['list', '--api-secret', 'X'],
      ['login', '--api-secret=UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B'],
    ]) {
      const error = refusal(argv)
      expect(error.message).toContain('shell history')
      expect(error.message).not.toContain('UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B')
    }
  })

  it('offers --yes and --allow-self exactly where the generator put a confirmation and a guard', () => {
    for (const command of COMMANDS.filter((c) => c.spec)) {
      const names = command.options.map((o) => o.name)
      expect(names.includes('yes'), command.name).toBe(command.spec?.confirm !== null)
      expect(names.includes('allow-self'), command.name).toBe(command.spec?.guardsSelf)
    }
  })
})
