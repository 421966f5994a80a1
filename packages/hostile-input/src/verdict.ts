// The pass criteria of one shape's exchange: no hang past its bound, no 5xx, every refusal a
// 4xx in the server's error shape (or Node's own bare answer to framing it could not parse), a
// refusal where the shape must be refused, and no secret in anything the server sent.
import { isNodesOwnAnswer } from './error-shapes.ts'
import type { Secret, ServerProfile } from './profile.ts'
import type { Exchange } from './raw-exchange.ts'
import { header, type ParsedResponse } from './response-parser.ts'
import type { Shape } from './shape.ts'

export const DEFAULT_BOUND_MS = 10_000

export function judge(
  shape: Shape,
  outcome: Exchange,
  profile: ServerProfile,
  sent: Secret[],
): string[] {
  const problems: string[] = []
  const { responses, error } = outcome.parsed
  if (outcome.end === 'timeout') {
    problems.push(
      `hang: no answer and no close within ${shape.boundMs ?? DEFAULT_BOUND_MS} ms (sent ${outcome.sentBytes} bytes, received ${outcome.receivedBytes})`,
    )
  }
  if (error) problems.push(`answered with ${error}`)
  responses.forEach((response, index) => {
    const which = responses.length > 1 ? `answer ${index + 1}: ` : ''
    if (!response.complete && outcome.end === 'server-closed') {
      problems.push(
        `${which}${response.status} cut off: the connection closed before its body was whole`,
      )
    }
    if (response.status >= 500) problems.push(`${which}answered ${describe(response)}`)
    // An answer to HEAD has no body to judge the error shape by.
    else if (
      response.status >= 400 &&
      !shape.bodyless &&
      !((profile.bareNodeAnswers ?? true) && isNodesOwnAnswer(response))
    ) {
      const wrong = profile.refusal(response)
      if (wrong) problems.push(`${which}refused with ${wrong}`)
    }
  })
  const first = responses[0]
  if (shape.expect === 'refuse' && first && first.status < 400) {
    problems.push(`accepted (${first.status}) what must be refused`)
  }
  if (!first && outcome.end === 'server-closed' && !shape.closeOk && shape.expect !== 'none') {
    problems.push(
      `closed the connection without an answer${outcome.socketError ? ` (${outcome.socketError})` : ''}`,
    )
  }
  problems.push(...echoed(outcome.received, [...profile.secrets, ...sent]))
  return problems
}

/** The secrets found in what the server sent, by label (never by value). */
export function echoed(received: Buffer, secrets: Secret[]): string[] {
  const text = received.toString('latin1')
  const decoded = received.toString('utf8')
  return secrets
    .filter(({ value }) => value.length >= 8 && (text.includes(value) || decoded.includes(value)))
    .map(({ label }) => `echoed a secret: the ${label}`)
}

/** `400 InvalidJSON`, `503`, ...: the status and, for a JSON error, its code. */
export function describe(response: ParsedResponse): string {
  let code = ''
  if (/json/.test(header(response, 'content-type') ?? '')) {
    try {
      const body = JSON.parse(response.body.toString('utf8')) as {
        errorCode?: unknown
        resultCode?: unknown
      }
      code = String(body.errorCode ?? body.resultCode ?? '')
    } catch {
      code = '(unparsable JSON)'
    }
  } else if (isNodesOwnAnswer(response)) {
    code = '(bare)'
  }
  return `${response.status}${code ? ` ${code}` : ''}`
}

/** One line on what happened, for failure messages and reports. */
export function summarize(outcome: Exchange): string {
  const answers = outcome.parsed.responses.map(describe).join(', ') || 'no answer'
  return `${answers}; ${outcome.end}${outcome.socketError ? ` (${outcome.socketError})` : ''} after ${outcome.elapsedMs} ms`
}
