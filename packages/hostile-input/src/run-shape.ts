// Runs one shape against one server: its exchange, the good request during it (slow shapes)
// and after it, and whether the server is still alive. The result lists every broken criterion.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Secret, ServerProfile } from './profile.ts'
import { exchange } from './raw-exchange.ts'
import type { Shape, ShapeContext } from './shape.ts'
import { DEFAULT_BOUND_MS, judge, summarize } from './verdict.ts'
import { request } from './wire.ts'

/** The good request must be answered within this bound. */
export const PROBE_BOUND_MS = 10_000

/** How long a server that stopped answering gets to show that its process has exited. */
const EXIT_GRACE_MS = 2000

async function exitWithin(profile: ServerProfile, ms: number) {
  const deadline = performance.now() + ms
  while (profile.exited().length === 0 && performance.now() < deadline) await sleep(50)
}

export interface ShapeResult {
  id: string
  problems: string[]
  /** What the server did, in one line. */
  observed: string
  /** Whether the server was alive and answered the good request after it. */
  healthy: boolean
  /** The secrets the shape's requests carried (signatures, tokens), for checks of the logs. */
  sent: Secret[]
}

function contextFor(profile: ServerProfile, sent: Secret[]): ShapeContext {
  const url = new URL(profile.baseUrl)
  const prefix = url.pathname.replace(/\/$/, '')
  return {
    host: url.host,
    prefix,
    route: `${prefix}${profile.route.path}`,
    method: profile.route.method,
    goodBody: profile.route.goodBody,
    auth: () => {
      const { headers, secrets } = profile.auth()
      sent.push(...secrets)
      return headers
    },
  }
}

function endpoint(profile: ServerProfile) {
  const url = new URL(profile.baseUrl)
  return { host: url.hostname, port: Number(url.port) }
}

/** Sends the good request on a new connection; what is wrong with its answer, if anything. */
export async function probe(profile: ServerProfile): Promise<string | undefined> {
  const context = contextFor(profile, [])
  const { method, path, body } = profile.probe
  const outcome = await exchange({
    ...endpoint(profile),
    boundMs: PROBE_BOUND_MS,
    // The answer to HEAD has the headers of GET's, and no body.
    bodyless: method === 'HEAD',
    steps: [
      {
        write: request(context, {
          method,
          target: `${context.prefix}${path}`,
          headers: [['Connection', 'close']],
          ...(body === undefined ? {} : { body }),
        }),
      },
    ],
  })
  const [response] = outcome.parsed.responses
  if (!response?.complete) return `the good request got ${summarize(outcome)}`
  const wrong = profile.probe.check(response)
  return wrong ? `the good request got ${wrong}` : undefined
}

export async function runShape(shape: Shape, profile: ServerProfile): Promise<ShapeResult> {
  const sent: Secret[] = []
  const steps = shape.build(contextFor(profile, sent))
  const during =
    shape.probeDuringMs === undefined
      ? undefined
      : sleep(shape.probeDuringMs).then(() => probe(profile))
  const outcome = await exchange({
    ...endpoint(profile),
    steps,
    boundMs: shape.boundMs ?? DEFAULT_BOUND_MS,
    responses: shape.responses ?? 1,
    lingerMs: shape.lingerMs ?? 0,
    bodyless: shape.bodyless ?? false,
  })
  const problems = judge(shape, outcome, profile, sent)
  const whileRunning = await during
  if (whileRunning) problems.push(`while it was under way, ${whileRunning}`)
  const after = profile.exited().length === 0 ? await probe(profile) : undefined
  // A server that is dying refuses connections a moment before its process is gone.
  if (after) await exitWithin(profile, EXIT_GRACE_MS)
  const exited = profile.exited()
  const alive = exited.length === 0
  if (!alive) problems.push(`${exited.join(' and ')} exited (crashed)`)
  else if (after) problems.push(`after it, ${after}`)
  return { id: shape.id, problems, observed: summarize(outcome), healthy: alive && !after, sent }
}
