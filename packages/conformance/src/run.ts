// runConformance: the library entry. Checks the options, reads the server's clock and accounts
// for the keys it already holds, runs the selected checks (up to `concurrency` at a time), then
// deletes every credential the run created, also when it fails or is stopped.
import { type Contract, credentialsContract, type Operation } from '@solapi/credentials-spec'
import { CHECKS, selectChecks } from './checks/catalogue.js'
import { type RunState, runDriver } from './checks/context.js'
import { type CheckResult, ResultBook } from './checks/results.js'
import type { DriverCheck, Group, ObserverCheck } from './checks/types.js'
import { RunAborted } from './errors.js'
import type { Exchange } from './http/exchange.js'
import { secretDocumentation } from './http/secrets.js'
import { type ConformanceOptions, resolveOptions } from './options.js'
import { Masker } from './report/mask.js'
import { edgeMarginMs } from './target/clock.js'
import { CreatedCredentials } from './target/created.js'
import { preflight } from './target/preflight.js'
import { isReadOperation, writeScope } from './target/scope.js'
import { type Algorithm, createSender, type Sender } from './target/sender.js'

export type RunEvent =
  | {
      type: 'start'
      url: string
      /** What the run sends, and why (read-only, and the reason). */
      note: string
      seed: number
      examples: number
      concurrency: number
      /** Progress totals per group of driver checks: examples to run. */
      groups: Array<{ group: Group; total: number }>
    }
  | { type: 'progress'; group: Group; done: number; total: number }
  | { type: 'check'; result: CheckResult }
  | { type: 'cleanup'; pending: number }

export interface RunHooks {
  /** Progress as the run goes: for a progress bar, or lines in a log. */
  onEvent?: (event: RunEvent) => void
}

export interface ConformanceResult {
  url: string
  seed: number
  examples: number
  /** Whether the write checks ran. */
  writes: boolean
  note: string
  /** Every check passed, the run finished and every credential it created is deleted. */
  passed: boolean
  interrupted: boolean
  checks: CheckResult[]
  /** Requests sent, the preflight and the cleanup included. */
  requests: number
  durationMs: number
  requestsPerSecond: number
  /** Requests by operation, then by status. */
  byOperation: Record<string, Record<string, number>>
  clock: { offsetMs: number; fromDateHeader: boolean; edgeMarginMs: number }
  cleanup: { created: number; left: string[] }
}

function byOperation(senders: Sender[]): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {}
  for (const sender of senders) {
    for (const [key, count] of sender.tally()) {
      const [operationId, status] = key.split(' ') as [string, string]
      const row = table[operationId] ?? {}
      row[status] = (row[status] ?? 0) + count
      table[operationId] = row
    }
  }
  return table
}

/** Every string under a key that names a secret, at any depth. */
function secretsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) secretsIn(item, found)
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (/secret/i.test(key) && typeof item === 'string') found.push(item)
      else secretsIn(item, found)
    }
  }
  return found
}

export async function runConformance(
  options: ConformanceOptions,
  hooks: RunHooks = {},
  contract: Contract = credentialsContract,
): Promise<ConformanceResult> {
  const resolved = resolveOptions(options, contract)
  const selected = selectChecks(resolved.only)
  const emit = hooks.onEvent ?? (() => {})
  const started = performance.now()
  const scope = writeScope(resolved.url, resolved)
  const keys = { apiKey: resolved.apiKey, apiSecret: resolved.apiSecret }
  const masker = new Masker()
  masker.add(keys.apiSecret)

  const before = await preflight(contract, {
    baseUrl: resolved.baseUrl,
    keys,
    timeoutMs: resolved.timeoutMs,
  })
  for (const secret of before.secrets) masker.add(secret)

  const sender = createSender({
    baseUrl: resolved.baseUrl,
    keys,
    clock: before.clock,
    timeoutMs: resolved.timeoutMs,
    ...(resolved.signal ? { signal: resolved.signal } : {}),
    onSecret: (secret) => masker.add(secret),
  })
  const created = new CreatedCredentials()
  const documentsSecret = secretDocumentation(contract)
  const book = new ResultBook(selected)
  const observers = selected.filter((c): c is ObserverCheck => c.kind === 'observer')
  const drivers = selected.filter((c): c is DriverCheck => c.kind === 'driver')
  const runnable = drivers.filter((c) => scope.writes || !c.writes)
  for (const check of drivers.filter((c) => !runnable.includes(c))) {
    book.skip(check.id, 'writes: the run is read-only')
  }

  const groups = new Map<Group, { total: number; done: Map<string, number> }>()
  for (const check of runnable) {
    const group = groups.get(check.group) ?? { total: 0, done: new Map() }
    group.total += resolved.examples
    groups.set(check.group, group)
  }

  const learn = (op: Operation, exchange: Exchange) => {
    const { status, text } = exchange.response
    if (status < 200 || status >= 300) {
      if (op.operationId === 'deleteCredential' && status === 404) forget(exchange)
      return
    }
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return
    }
    if (documentsSecret(op, status)) for (const secret of secretsIn(body)) masker.add(secret)
    const apiKey = (body as { apiKey?: unknown } | null)?.apiKey
    if (op.operationId === 'createCredential' && typeof apiKey === 'string')
      created.register(apiKey)
    if (op.operationId === 'deleteCredential') forget(exchange)
  }
  const forget = (exchange: Exchange) => {
    try {
      const { apiKey } = JSON.parse(new TextDecoder().decode(exchange.request.body))
      if (typeof apiKey === 'string') created.gone(apiKey)
    } catch {
      // A body that is not JSON named no key.
    }
  }

  const state: RunState = {
    contract,
    examples: resolved.examples,
    seed: resolved.seed,
    writes: scope.writes,
    keys,
    clock: before.clock,
    edgeMarginMs: edgeMarginMs(before.clock),
    operations: contract.operations.filter((op) => scope.writes || isReadOperation(op)),
    readOperations: contract.operations.filter(isReadOperation),
    algorithms: contract.signing.algorithms.map((a) => a.name as Algorithm),
    sender,
    masker,
    created,
    protectedKeys: new Set(before.accountKeys),
    observers,
    observerEnv: { contract, secrets: masker.secrets(), documentsSecret },
    book,
    learn,
    progress(checkId, done) {
      const check = CHECKS.find((c) => c.id === checkId)
      const group = check && groups.get(check.group)
      if (!check || !group) return
      group.done.set(checkId, done)
      const sum = [...group.done.values()].reduce((a, b) => a + b, 0)
      emit({ type: 'progress', group: check.group, done: sum, total: group.total })
    },
  }

  emit({
    type: 'start',
    url: resolved.baseUrl,
    note: scope.note,
    seed: resolved.seed,
    examples: resolved.examples,
    concurrency: resolved.concurrency,
    groups: [...groups].map(([group, { total }]) => ({ group, total })),
  })

  // Longer checks first (the lifecycle sends several requests per example), so that the last
  // to finish is short and the workers stay busy.
  const queue = [...runnable].sort(
    (a, b) => Number(b.group === 'lifecycle') - Number(a.group === 'lifecycle'),
  )
  const stopped = () => resolved.signal?.aborted === true
  await Promise.all(
    Array.from({ length: Math.min(resolved.concurrency, queue.length) }, async () => {
      for (let check = queue.shift(); check; check = queue.shift()) {
        if (stopped()) {
          book.skip(check.id, 'the run was stopped')
          continue
        }
        await runDriver(state, check)
        emit({ type: 'check', result: book.result(check.id) })
      }
    }),
  )
  for (const observer of observers) emit({ type: 'check', result: book.result(observer.id) })

  const cleanup = await deleteCreated(contract, created, {
    baseUrl: resolved.baseUrl,
    keys,
    clock: before.clock,
    timeoutMs: resolved.timeoutMs,
    emit,
  })
  const durationMs = Math.round(performance.now() - started)
  const requests = before.requests + sender.count() + cleanup.sender.count()
  const checks = selected.map((check) => book.result(check.id))
  const interrupted = stopped()
  return {
    url: resolved.baseUrl,
    seed: resolved.seed,
    examples: resolved.examples,
    writes: scope.writes,
    note: scope.note,
    passed: !interrupted && cleanup.left.length === 0 && checks.every((c) => c.status !== 'failed'),
    interrupted,
    checks,
    requests,
    durationMs,
    requestsPerSecond: Math.round((requests / Math.max(durationMs, 1)) * 1000),
    byOperation: byOperation([sender, cleanup.sender]),
    clock: {
      offsetMs: before.clock.offsetMs,
      fromDateHeader: before.clock.fromDateHeader,
      edgeMarginMs: state.edgeMarginMs,
    },
    cleanup: { created: created.total, left: cleanup.left },
  }
}

/** Deletes what the run created, with a sender of its own: the run's may have been stopped. */
async function deleteCreated(
  contract: Contract,
  created: CreatedCredentials,
  setup: Pick<Parameters<typeof createSender>[0], 'baseUrl' | 'keys' | 'clock' | 'timeoutMs'> & {
    emit: (event: RunEvent) => void
  },
) {
  const sender = createSender(setup)
  const remove = contract.operation('deleteCredential')
  const pending = created.pending()
  if (pending.length > 0) setup.emit({ type: 'cleanup', pending: pending.length })
  const left: string[] = []
  for (const apiKey of pending) {
    try {
      const { response } = await sender.sendJson(remove, { apiKey })
      if (response.status === 200 || response.status === 404) created.gone(apiKey)
      else left.push(apiKey)
    } catch (error) {
      if (error instanceof RunAborted) throw error
      left.push(apiKey)
    }
  }
  return { sender, left }
}
