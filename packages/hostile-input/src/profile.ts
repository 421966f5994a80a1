// What the suite needs to know about one server: where it is, the request the shapes bend, what
// gets past its authentication, the good request that must keep working, its error shape and
// the secrets it must never send back.
import type { RefusalCheck } from './error-shapes.ts'
import type { ParsedResponse } from './response-parser.ts'

export interface Secret {
  /** Names it in a failure message; the value itself is never printed. */
  label: string
  value: string
}

export interface Authentication {
  headers: [string, string][]
  /** What in those header fields must not come back (a signature, a token). */
  secrets: Secret[]
}

export interface ServerProfile {
  name: string
  /** Connected to at its origin; its path prefixes every target (a forwarding prefix). */
  baseUrl: string
  /** The request most shapes bend: a method and path (under the base path) that take a body. */
  route: { method: string; path: string; goodBody: string }
  /** Header fields that get past the route's and the probe's authentication, fresh each call. */
  auth(): Authentication
  /** The good request, sent after every shape (and during slow ones): it must still succeed. */
  probe: {
    method: string
    path: string
    body?: string
    /** What is wrong with its answer, or undefined when it is the expected success. */
    check(response: ParsedResponse): string | undefined
  }
  /** What is wrong with a refusal, or undefined when it is in this server's error shape. */
  refusal: RefusalCheck
  /**
   * Whether Node's own bare answer (no body, no media type) to a request it could not parse is
   * accepted in place of the error shape: true unless the server answers those in its shape too
   * (then a bare one means its own handling was bypassed).
   */
  bareNodeAnswers?: boolean
  /** Strings no response to a shape may contain. */
  secrets: Secret[]
  /** The processes of this server (it and what it forwards to) that have exited; none if all run. */
  exited(): string[]
}
