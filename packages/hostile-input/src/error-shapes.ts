// The error shape of each server, as a check on one refusal: what is wrong with it, or
// undefined when it is that server's shape. The Credentials API's and the control API's is the
// spec's `Error` schema (`errorCode`, `errorMessage`, `errors` naming each field and rule), read
// through @solapi/credentials-spec; `404 ResourceNotFound` keeps its own `NotFoundResponse`.
import { credentialsContract } from '@solapi/credentials-spec'
import { header, type ParsedResponse, preview } from './response-parser.ts'

export type RefusalCheck = (response: ParsedResponse) => string | undefined

const mediaType = (response: ParsedResponse) =>
  (header(response, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''

/** The spec's `Error` schema: JSON, a code, a message, and for validation errors the fields. */
export const specErrorShape: RefusalCheck = (response) => {
  const type = mediaType(response)
  if (!/^application\/([\w.+-]*\+)?json$/.test(type)) {
    return `a ${response.status} that is not JSON (Content-Type ${type || 'none'}): ${preview(response.body)}`
  }
  let body: unknown
  try {
    body = JSON.parse(response.body.toString('utf8'))
  } catch {
    return `a ${response.status} whose body does not parse as JSON: ${preview(response.body)}`
  }
  const validator = credentialsContract.validator()
  if (
    response.status === 404 &&
    validator.validate('/components/schemas/NotFoundResponse', body).valid
  ) {
    return undefined
  }
  const verdict = validator.validate('/components/schemas/Error', body)
  if (!verdict.valid) {
    const broken = verdict.errors.map((error) => `${error.field || '/'} ${error.rule}`).join(', ')
    return `a ${response.status} whose body breaks the spec's Error schema (${broken}): ${preview(response.body)}`
  }
  const error = body as { errorCode: string; errorMessage: string; errors?: unknown[] }
  if (error.errorMessage.trim() === '')
    return `a ${response.status} ${error.errorCode} with an empty errorMessage`
  if (error.errorCode === 'ValidationError' && !error.errors?.length) {
    return `a ${response.status} ValidationError that names no field (errors is empty)`
  }
  return undefined
}

/** A page server's: a 4xx in text or HTML that says something. */
export const textErrorShape: RefusalCheck = (response) => {
  const type = mediaType(response)
  if (type !== 'text/plain' && type !== 'text/html') {
    return `a ${response.status} that is not text or HTML (Content-Type ${type || 'none'}): ${preview(response.body)}`
  }
  if (response.body.toString('utf8').trim() === '') return `a ${response.status} with an empty body`
  return undefined
}

/** Any of the shapes: a forwarding server answers in its upstream's shape or its own. */
export function eitherShape(...checks: RefusalCheck[]): RefusalCheck {
  return (response) => {
    const problems = checks.map((check) => check(response))
    return problems.includes(undefined) ? undefined : problems.join('; or ')
  }
}

/**
 * Node's own answer to a request it could not parse (400, 408 after a timeout, 413 for too long
 * a chunk extension, 417 for an unknown Expect, 431 for too large a head, 505 for an unknown
 * version): no body and no media type, written before any application code saw the request.
 * Acceptable for framing errors.
 */
export function isNodesOwnAnswer(response: ParsedResponse): boolean {
  return (
    [400, 408, 413, 417, 431, 505].includes(response.status) &&
    response.body.length === 0 &&
    header(response, 'content-type') === undefined
  )
}
