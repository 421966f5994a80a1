import { createHmac } from 'node:crypto'
import { parseAuthorizationHeader } from '@solapi/devkit'
import { startLocalServer } from './local-server.ts'
import { type Json, operations, signing } from './spec.ts'

export interface CheckedRequest {
  path: string
  contentType: string | undefined
  body: Json
  /** Every rule of the spec's signing scheme the Authorization header broke; empty when valid. */
  signingProblems: string[]
}

/** Checks an Authorization header against x-solapi-signing of the spec, with this secret. */
export function signingProblems(header: string | undefined, apiKey: string, apiSecret: string) {
  let parts: ReturnType<typeof parseAuthorizationHeader>
  try {
    parts = parseAuthorizationHeader(header)
  } catch (error) {
    return [`header does not have the spec's format: ${(error as Error).message}`]
  }
  const { algorithm, apiKey: key, date, salt, signature } = parts
  const problems: string[] = []
  if (key !== apiKey) problems.push(`apiKey is ${key}, expected ${apiKey}`)
  const skew = Math.abs(Date.now() - parts.dateMs) / 1000
  if (!(skew <= signing.maxClockSkewSeconds)) problems.push(`date ${date} is ${skew} s from now`)
  const hash = algorithm === 'HMAC-MD5' ? 'md5' : 'sha256'
  const expected = createHmac(hash, apiSecret).update(`${date}${salt}`).digest('hex')
  if (signature !== expected) problems.push('signature is not HMAC(apiSecret, date + salt)')
  return problems
}

/**
 * A stand-in server that records each request and checks its signature for real (Prism only
 * checks that the header is there), answering with the operation's default 200 example.
 */
export async function startSignatureChecker(apiKey: string, apiSecret: string) {
  const requests: CheckedRequest[] = []
  const server = await startLocalServer((request, raw, response) => {
    const path = request.url ?? ''
    let body: Json
    try {
      body = JSON.parse(raw)
    } catch {
      body = raw
    }
    requests.push({
      path,
      contentType: request.headers['content-type'],
      body,
      signingProblems: signingProblems(request.headers.authorization, apiKey, apiSecret),
    })
    const op = operations.find((candidate) => candidate.path === path)
    response.writeHead(op ? 200 : 404, { 'content-type': 'application/json' })
    response.end(JSON.stringify(op ? op.okExample : { errorCode: 'NotFound' }))
  })
  return { ...server, requests }
}
