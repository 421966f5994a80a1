// `rotate <apiKey>`: the docs' rotation guide as one command that cannot strand its user. Each
// step is recorded before and after it runs; a rerun (or --resume) skips what is done and
// finishes the rest, --rollback undoes it. Nothing here repeats a createCredential whose answer
// was lost: the keys are listed and compared with the list taken before it was sent.
import { setTimeout as sleep } from 'node:timers/promises'
import {
  ApiError,
  type CredentialsClient,
  NetworkError,
  NotFoundError,
} from '@solapi/credentials-client'
import { BIN } from '../bin-name.js'
import { clientFor } from '../client.js'
import type { CommandLine } from '../command-line.js'
import { targetOf, timeoutOf } from '../commands/operation.js'
import type { Credential, Target } from '../credentials.js'
import { parseDuration } from '../duration.js'
import { CliError, UsageError } from '../errors.js'
import { EXIT, type ExitCode } from '../exit-codes.js'
import { describeFailure } from '../failure.js'
import type { Io } from '../io.js'
import { writeJson } from '../output.js'
import { describeHandover, envLines, runHandoverCommand, writeKeyFile } from './handover.js'
import { createProgress, type Progress } from './progress.js'
import {
  defaultStatePath,
  type Handover,
  isDone,
  newState,
  type RotationState,
  readState,
  record,
  type StepName,
  writeState,
} from './state.js'

/** How long a lost createCredential gets to show up in the list before it counts as not made. */
const SETTLE_MS = 1000
/** createCredential attempts per run whose answers were lost and that left no key behind. */
const CREATE_ATTEMPTS = 2

function handoverFrom(options: CommandLine['options']): Handover | undefined {
  const chosen: Handover[] = []
  if (options.print === true) chosen.push({ mode: 'print' })
  if (typeof options['write-file'] === 'string') {
    chosen.push({ mode: 'write-file', path: options['write-file'] })
  }
  if (typeof options.exec === 'string') chosen.push({ mode: 'exec', command: options.exec })
  if (chosen.length > 1) {
    throw new UsageError('--print, --write-file and --exec', 'are exclusive: choose one hand-over')
  }
  return chosen[0]
}

/** Whether a failed createCredential surely made no key (so sending it again is safe). */
function surelyNotCreated(error: unknown): boolean {
  if (error instanceof NetworkError) return error.unsent
  // The client's own rule for createCredential: a 4xx or a 503 changed nothing.
  if (error instanceof ApiError) return error.status < 500 || error.status === 503
  return false
}

class Rotation {
  /** The new key, once handed over with --print, for the JSON document. */
  printed?: Credential

  constructor(
    readonly state: RotationState,
    readonly path: string,
    readonly admin: Target,
    readonly io: Io,
    readonly progress: Progress,
    readonly timeoutMs: number | undefined,
  ) {}

  current?: StepName

  private get newCredential(): Credential | undefined {
    const { newApiKey, newApiSecret } = this.state
    return newApiKey && newApiSecret ? { apiKey: newApiKey, apiSecret: newApiSecret } : undefined
  }

  private client(credential: Credential): CredentialsClient {
    return clientFor(credential, { baseUrl: this.admin.baseUrl, timeoutMs: this.timeoutMs })
  }

  private get call() {
    return this.io.signal ? { signal: this.io.signal } : {}
  }

  /** The credential to sign with: the caller's, unless it is the old key and may be inactive. */
  private signer(): CredentialsClient {
    const { oldApiKey, steps } = this.state
    const oldMayBeInactive =
      steps['deactivate-old'] !== undefined && !isDone(this.state, 'reactivate-old')
    const fresh = this.newCredential
    if (this.admin.credential.apiKey === oldApiKey && oldMayBeInactive && fresh) {
      return this.client(fresh)
    }
    return this.client(this.admin.credential)
  }

  private newClient(): CredentialsClient {
    const fresh = this.newCredential
    if (!fresh) throw new CliError(EXIT.internal, 'internal', 'the new key is not known')
    return this.client(fresh)
  }

  private mark(step: StepName, status: Parameters<typeof record>[3], note?: string) {
    this.current = step
    record(this.path, this.state, step, status, note)
  }

  private async step(step: StepName, text: string, work: () => Promise<string>): Promise<void> {
    if (isDone(this.state, step)) return
    this.current = step
    this.progress.start(step, text)
    const outcome = await work()
    this.progress.done(step, outcome)
  }

  async forward(): Promise<void> {
    const { state } = this
    const old = state.oldApiKey
    await this.step('check-old', `${old} exists and is active`, async () => {
      const info = (await this.signer().getCredentialInfo(old, this.call)) as {
        credentialStatus?: string
      }
      if (info.credentialStatus !== 'active') {
        throw new UsageError(
          '<apiKey>',
          `${old} is ${info.credentialStatus}: only an active key is rotated (activate or delete it)`,
        )
      }
      this.mark('check-old', 'done')
      return `${old} is active`
    })
    await this.step('list-before', 'listing the keys before creating one', async () => {
      const { credentials } = await this.signer().getCredentialList(this.call)
      state.keysBefore = Object.keys(credentials)
      this.mark('list-before', 'done', `${state.keysBefore.length} keys`)
      return `${state.keysBefore.length} keys`
    })
    await this.step('create', 'creating the new key', () => this.create())
    const fresh = state.newApiKey as string
    await this.step('verify', `signing a request with ${fresh}`, async () => {
      const info = (await this.newClient().getCredentialInfo(fresh, this.call)) as {
        credentialStatus?: string
      }
      if (info.credentialStatus !== 'active') {
        throw new CliError(EXIT.partialRotation, 'verify', `${fresh} is ${info.credentialStatus}`)
      }
      this.mark('verify', 'done')
      return `${fresh} signs`
    })
    await this.step('handover', 'handing the new key over', () => this.handover())
    await this.step('deactivate-old', `deactivating ${old}`, async () => {
      this.mark('deactivate-old', 'started')
      await this.newClient().updateCredentialStatus(old, 'inactive', this.call)
      if (state.deleteAfterMs !== undefined) {
        state.deleteAt = new Date(Date.now() + state.deleteAfterMs).toISOString()
      }
      this.mark('deactivate-old', 'done')
      return `${old} is inactive`
    })
    await this.step('delete-old', `deleting ${old}`, () => this.deleteOld())
    state.status = 'completed'
    delete state.newApiSecret
    writeState(this.path, state)
  }

  /** The keys that appeared since `keysBefore`, with their secrets (the list carries them). */
  private async appeared(): Promise<Credential[]> {
    const { credentials } = await this.signer().getCredentialList(this.call)
    const before = new Set(this.state.keysBefore ?? [])
    return Object.entries(credentials)
      .filter(([apiKey]) => !before.has(apiKey))
      .map(([apiKey, entry]) => ({ apiKey, apiSecret: entry.apiSecret }))
  }

  /** Looks for the key a lost createCredential made: true once adopted. */
  private async reconcile(): Promise<boolean> {
    const found = await this.appeared()
    if (found.length > 1) {
      throw new CliError(
        EXIT.partialRotation,
        'ambiguous',
        `${found.length} keys appeared since the rotation began (${found.map((c) => c.apiKey).join(', ')}): ` +
          "delete the ones that are not this rotation's, then run it again with --resume",
      )
    }
    const [made] = found
    if (!made) return false
    this.state.newApiKey = made.apiKey
    this.state.newApiSecret = made.apiSecret
    this.mark('create', 'done', `${made.apiKey}: its answer was lost; found by listing the keys`)
    return true
  }

  private async create(): Promise<string> {
    const { state } = this
    const pending = state.steps.create?.status
    if ((pending === 'started' || pending === 'uncertain') && (await this.reconcile())) {
      return `${state.newApiKey} (found by listing: the earlier answer was lost)`
    }
    for (let attempt = 1; ; attempt++) {
      this.mark('create', 'started')
      try {
        const made = await this.signer().createCredential(this.call)
        state.newApiKey = made.apiKey
        state.newApiSecret = made.apiSecret
        this.mark('create', 'done', made.apiKey)
        return made.apiKey
      } catch (error) {
        if (surelyNotCreated(error)) {
          this.mark('create', 'failed', describeFailure(error).failure.message)
          throw error
        }
        this.mark('create', 'uncertain', describeFailure(error).failure.message)
        this.progress.info("createCredential's answer was lost: listing the keys to find out")
        if (await this.reconcile()) return `${state.newApiKey} (found by listing)`
        await sleep(SETTLE_MS, undefined, this.call)
        if (await this.reconcile()) return `${state.newApiKey} (found by listing)`
        if (attempt >= CREATE_ATTEMPTS || this.io.signal?.aborted) throw error
        this.progress.info('no key was made: creating it again')
      }
    }
  }

  private async handover(): Promise<string> {
    const { state } = this
    const fresh = this.newCredential
    const handover = state.handover
    if (!fresh || !handover) throw new CliError(EXIT.internal, 'internal', 'nothing to hand over')
    this.mark('handover', 'started', handover.mode)
    if (handover.mode === 'print') {
      this.printed = fresh
      if (!this.jsonOutput) this.io.stdout.write(envLines(fresh))
    } else if (handover.mode === 'write-file') {
      writeKeyFile(handover.path as string, fresh)
    } else {
      const code = await runHandoverCommand(
        handover.command as string,
        fresh,
        state.oldApiKey,
        this.io,
      )
      if (code !== 0) {
        this.mark('handover', 'failed', `exit code ${code}`)
        throw new CliError(
          EXIT.partialRotation,
          'handover',
          `the --exec command exited ${code}: ${state.oldApiKey} is untouched and still active`,
        )
      }
    }
    this.mark('handover', 'done', handover.mode)
    return describeHandover(handover)
  }

  jsonOutput = false

  deleteCommand(): string {
    const flags = [
      this.admin.profile ? `--profile ${this.admin.profile}` : '',
      this.io.env.SOLAPI_BASE_URL || this.admin.profile ? '' : `--base-url ${this.admin.baseUrl}`,
    ].filter(Boolean)
    return [BIN, 'delete', this.state.oldApiKey, '--yes', ...flags].join(' ')
  }

  private async deleteOld(): Promise<string> {
    const { state } = this
    if (state.deleteAfterMs === undefined) {
      this.mark('delete-old', 'skipped', 'no --delete-after')
      return `kept (inactive); delete it later, signed with ${state.newApiKey}: ${this.deleteCommand()}`
    }
    const at = Date.parse(state.deleteAt ?? new Date().toISOString())
    const wait = at - Date.now()
    if (wait > 0) {
      this.progress.start(
        'delete-old',
        `waiting until ${new Date(at).toISOString()} to delete ${state.oldApiKey}`,
      )
      await sleep(wait, undefined, this.call)
    }
    this.mark('delete-old', 'started')
    try {
      await this.newClient().deleteCredential(state.oldApiKey, this.call)
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error
    }
    this.mark('delete-old', 'done')
    return `${state.oldApiKey} is deleted`
  }

  /** After a deleteCredential whose outcome is unknown: whether the old key is still there. */
  private async oldStillExists(): Promise<boolean> {
    try {
      await this.signer().getCredentialInfo(this.state.oldApiKey, this.call)
      return true
    } catch (error) {
      if (error instanceof NotFoundError) return false
      throw error
    }
  }

  async rollback(): Promise<void> {
    const { state } = this
    const old = state.oldApiKey
    const deletion = state.steps['delete-old']?.status
    if (deletion === 'done' || (deletion === 'started' && !(await this.oldStillExists()))) {
      throw new UsageError('--rollback', `cannot undo this rotation: ${old} is deleted`)
    }
    const pending = state.steps.create?.status
    if (!state.newApiKey && (pending === 'started' || pending === 'uncertain')) {
      await this.reconcile()
    }
    if (state.steps['deactivate-old']) {
      await this.step('reactivate-old', `re-activating ${old}`, async () => {
        await this.signer().updateCredentialStatus(old, 'active', this.call)
        this.mark('reactivate-old', 'done')
        return `${old} is active`
      })
    }
    const fresh = state.newApiKey
    if (fresh) {
      await this.step('delete-new', `deleting ${fresh}`, async () => {
        this.mark('delete-new', 'started')
        try {
          await this.client(this.admin.credential).deleteCredential(fresh, this.call)
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error
        }
        this.mark('delete-new', 'done')
        return `${fresh} is deleted`
      })
    }
    state.status = 'rolled-back'
    delete state.newApiSecret
    writeState(this.path, state)
  }

  summary() {
    const { state } = this
    return {
      oldApiKey: state.oldApiKey,
      ...(state.newApiKey ? { newApiKey: state.newApiKey } : {}),
      status: state.status,
      stateFile: this.path,
      steps: Object.entries(state.steps).map(([name, step]) => ({ name, ...step })),
      ...(state.deleteAt ? { deleteAt: state.deleteAt } : {}),
      ...(state.steps['delete-old']?.status === 'skipped'
        ? { deleteCommand: this.deleteCommand() }
        : {}),
      ...(this.printed ? { newCredential: this.printed } : {}),
    }
  }
}

export async function runRotate(line: CommandLine, io: Io): Promise<ExitCode> {
  const { options } = line
  const oldApiKey = line.args.apiKey as string
  const json = options.json === true
  if (options.resume === true && options.rollback === true) {
    throw new UsageError('--rollback', 'cannot be combined with --resume')
  }
  const admin = targetOf(line, io)
  const path =
    typeof options['state-file'] === 'string'
      ? options['state-file']
      : defaultStatePath(io.env, oldApiKey)
  const handover = handoverFrom(options)
  const deleteAfterMs =
    typeof options['delete-after'] === 'string'
      ? parseDuration('--delete-after', options['delete-after'])
      : undefined
  const progress = createProgress(io)

  let state = readState(path)
  if (state && state.oldApiKey !== oldApiKey) {
    throw new UsageError(
      '--state-file',
      `records a rotation of ${state.oldApiKey}, not ${oldApiKey}`,
    )
  }
  const fresh =
    !state ||
    (state.status === 'rolled-back' && options.rollback !== true && options.resume !== true)
  if (fresh) {
    if (options.resume === true || options.rollback === true) {
      throw new UsageError(
        options.resume ? '--resume' : '--rollback',
        `found no rotation of ${oldApiKey} in ${path}`,
      )
    }
    if (!handover) {
      throw new UsageError(
        `${BIN} rotate`,
        'needs one way to hand the new key over: --print, --write-file <path> or --exec <command>',
      )
    }
    state = newState(oldApiKey, admin.baseUrl)
  } else if (state) {
    if (state.baseUrl !== admin.baseUrl) {
      throw new UsageError(
        '--base-url',
        `differs from the rotation's server ${state.baseUrl} (${path})`,
      )
    }
    if (state.status === 'in-progress' && options.rollback !== true) {
      progress.info(`resuming the rotation of ${oldApiKey} started ${state.startedAt} (${path})`)
    }
  }
  const current = state as RotationState
  if (handover) current.handover = handover
  if (deleteAfterMs !== undefined && current.deleteAfterMs !== deleteAfterMs) {
    current.deleteAfterMs = deleteAfterMs
    if (current.steps['deactivate-old']?.status === 'done') {
      current.deleteAt = new Date(
        Date.parse(current.steps['deactivate-old'].at) + deleteAfterMs,
      ).toISOString()
    }
  }
  writeState(path, current)

  const rotation = new Rotation(current, path, admin, io, progress, timeoutOf(line))
  rotation.jsonOutput = json
  const finished =
    (current.status === 'completed' && options.rollback !== true) ||
    current.status === 'rolled-back'
  try {
    if (finished) {
      progress.info(
        current.status === 'completed'
          ? `${oldApiKey} was already rotated to ${current.newApiKey}: nothing to do`
          : `the rotation of ${oldApiKey} was already rolled back: nothing to do`,
      )
    } else if (options.rollback === true) await rotation.rollback()
    else await rotation.forward()
  } catch (error) {
    const { exitCode: code, failure } = describeFailure(error)
    const changed = current.newApiKey !== undefined || current.steps.create?.status === 'uncertain'
    const exitCode: ExitCode = io.signal?.aborted
      ? EXIT.interrupted
      : code === EXIT.interrupted || code === EXIT.usage || code === EXIT.config
        ? code
        : changed
          ? EXIT.partialRotation
          : code
    if (rotation.current) progress.fail(rotation.current, failure.message)
    const next = `${BIN} rotate ${oldApiKey} --resume (or --rollback)`
    io.stderr.write(`${BIN}: ${failure.message}\n`)
    if (current.status === 'in-progress') {
      io.stderr.write(`${BIN}: the rotation is recorded in ${path}; finish it with: ${next}\n`)
    }
    if (json)
      writeJson(io, {
        ok: false,
        command: 'rotate',
        exitCode,
        error: failure,
        rotation: rotation.summary(),
      })
    return exitCode
  }
  if (json) writeJson(io, { ok: true, command: 'rotate', rotation: rotation.summary() })
  else if (!finished) {
    io.stderr.write(
      current.status === 'completed'
        ? `Rotated ${oldApiKey} to ${current.newApiKey} (${path}).\n`
        : `Rolled back: ${oldApiKey} is active, ${current.newApiKey ?? 'no new key'} ${current.newApiKey ? 'is deleted' : 'was made'}.\n`,
    )
  }
  return EXIT.ok
}
