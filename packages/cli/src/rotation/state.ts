// The state file of a rotation: every step, with when it started and how it ended, so that an
// interrupted rotation can be resumed or rolled back, and a second run knows what the first did.
// It holds the new key's secret while the rotation needs it to sign (mode 0600, like the
// credentials file) and drops it once the rotation is over.
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { ConfigError } from '../errors.js'

export const STEPS = [
  'check-old',
  'list-before',
  'create',
  'verify',
  'handover',
  'deactivate-old',
  'delete-old',
] as const
export const ROLLBACK_STEPS = ['reactivate-old', 'delete-new'] as const
export type StepName = (typeof STEPS)[number] | (typeof ROLLBACK_STEPS)[number]
export type StepStatus = 'started' | 'done' | 'failed' | 'uncertain' | 'skipped'

export interface StepRecord {
  status: StepStatus
  at: string
  note?: string
}

export interface Handover {
  mode: 'print' | 'write-file' | 'exec'
  path?: string
  command?: string
}

export interface RotationState {
  version: 1
  oldApiKey: string
  baseUrl: string
  startedAt: string
  updatedAt: string
  status: 'in-progress' | 'completed' | 'rolled-back'
  /** The keys of the account just before createCredential was sent. */
  keysBefore?: string[]
  newApiKey?: string
  /** Kept only while the rotation may still sign with the new key. */
  newApiSecret?: string
  handover?: Handover
  deleteAfterMs?: number
  /** When the old key may be deleted (set once it is deactivated). */
  deleteAt?: string
  steps: Partial<Record<StepName, StepRecord>>
  /** Every event, oldest first. */
  log: { at: string; step: StepName; status: StepStatus; note?: string }[]
}

export function defaultStatePath(env: Record<string, string | undefined>, apiKey: string): string {
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state')
  return join(base, 'solapi', 'rotations', `${apiKey}.json`)
}

export function readState(path: string): RotationState | undefined {
  let text: string
  try {
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
      throw new ConfigError(
        `${path} may hold a secret and other users may read it: chmod 600 ${path}`,
      )
    }
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  try {
    const state = JSON.parse(text) as RotationState
    if (state.version !== 1 || typeof state.oldApiKey !== 'string') throw new Error('shape')
    return state
  } catch {
    throw new ConfigError(`${path} is not a rotation state file`)
  }
}

/** Writes through a temporary file and a rename, so a kill never leaves half a file. */
export function writeState(path: string, state: RotationState): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  const temporary = `${path}.${process.pid}.tmp`
  state.updatedAt = new Date().toISOString()
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 })
  chmodSync(temporary, 0o600)
  renameSync(temporary, path)
}

export function newState(oldApiKey: string, baseUrl: string): RotationState {
  const now = new Date().toISOString()
  return {
    version: 1,
    oldApiKey,
    baseUrl,
    startedAt: now,
    updatedAt: now,
    status: 'in-progress',
    steps: {},
    log: [],
  }
}

/** Records a step's new status in the state and on disk. */
export function record(
  path: string,
  state: RotationState,
  step: StepName,
  status: StepStatus,
  note?: string,
): void {
  const at = new Date().toISOString()
  state.steps[step] = { status, at, ...(note ? { note } : {}) }
  state.log.push({ at, step, status, ...(note ? { note } : {}) })
  writeState(path, state)
}

export const isDone = (state: RotationState, step: StepName): boolean =>
  state.steps[step]?.status === 'done' || state.steps[step]?.status === 'skipped'
