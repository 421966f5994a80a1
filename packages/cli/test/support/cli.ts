// Runs the CLI in a home of its own (config and state folders), with nothing of this process's
// environment but PATH: no SOLAPI_* variable leaks into a test. `cli` runs `main` in this
// process (the same code the bin runs, without a Node start per call, which a loaded machine
// makes slow); `cliProcess` runs the built bin as a user would.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { type ProcessHandle, runProcess, startProcess } from '@solapi/devkit'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { expect } from 'vitest'
import { main } from '../../src/main.js'

export const BIN_PATH = fileURLToPath(new URL('../../dist/bin.js', import.meta.url))
const schemaPath = fileURLToPath(new URL('../../schema/output.schema.json', import.meta.url))

export interface Home {
  dir: string
  env: Record<string, string>
  remove(): void
}

export function makeHome(): Home {
  const dir = mkdtempSync(join(tmpdir(), 'cli-home-'))
  return {
    dir,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_STATE_HOME: join(dir, 'state'),
      NO_COLOR: '1',
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `main` in this process with the given environment and stdin. */
export async function cli(
  args: string[],
  env: Record<string, string>,
  options: { input?: string } = {},
): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]),
    env,
  })
  return { code, stdout, stderr }
}

export function cliProcess(
  args: string[],
  env: Record<string, string>,
  options: { input?: string; cwd?: string } = {},
): Promise<Run> {
  return runProcess(process.execPath, [BIN_PATH, ...args], {
    env,
    extendEnv: false,
    timeoutMs: 60_000,
    ...options,
  })
}

/** The bin started in the background (to be killed between steps). */
export function startCli(args: string[], env: Record<string, string>): ProcessHandle {
  return startProcess(process.execPath, [BIN_PATH, ...args], {
    env,
    extendEnv: false,
    label: 'cli',
  })
}

/**
 * Runs the bin on a pseudo-terminal (util-linux `script`), typing `answer` once the prompt
 * shows. Returns everything the terminal showed and the bin's exit code.
 */
export async function cliOnTerminal(args: string[], env: Record<string, string>, answer: string) {
  const command = [process.execPath, BIN_PATH, ...args].map((a) => `'${a}'`).join(' ')
  const shell = `(sleep 1; printf '${answer}\\n') | script -q -e -c "${command.replaceAll('"', '\\"')}" /dev/null`
  return runProcess('sh', ['-c', shell], { env, extendEnv: false, timeoutMs: 60_000 })
}

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true })
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')))

/** Parses stdout as the one JSON document and checks it against schema/output.schema.json. */
export function jsonOf(run: Run): Record<string, unknown> & { ok: boolean } {
  const document = JSON.parse(run.stdout)
  const valid = validate(document)
  expect(validate.errors ?? [], run.stdout).toEqual([])
  expect(valid).toBe(true)
  return document
}

export function expectNoSecret(text: string, ...secrets: string[]) {
  for (const secret of secrets) expect(text).not.toContain(secret)
}
