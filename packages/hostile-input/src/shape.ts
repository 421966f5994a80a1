// What a hostile shape is: an id that names it in test output, the bytes it sends (built for the
// server it is sent to), and what the server may do about it.
import type { Step } from './raw-exchange.ts'

export type ShapeClass = 'target' | 'encoding' | 'size' | 'framing' | 'slow'

/** What a server may answer. */
export type Expectation =
  /** Must be refused (4xx); accepting it is a bug. */
  | 'refuse'
  /** May be accepted or refused: both are sound, as long as neither is a 5xx, a hang or a crash. */
  | 'any'
  /** The client leaves before the request is whole: no answer is owed. */
  | 'none'

/** The request a server's profile lets the shapes bend, on the wire. */
export interface ShapeContext {
  /** `host:port`, for the Host header. */
  host: string
  /** The base URL's path ('' or e.g. `/servers/sandbox`), to put before targets. */
  prefix: string
  /** The request target that takes a JSON body, prefix included. */
  route: string
  method: string
  /** A body the route accepts. */
  goodBody: string
  /** Header fields that get past the route's authentication, fresh for each call. */
  auth(): [string, string][]
}

export interface Shape {
  /** Stable and unique, `class.name`, e.g. `target.double-slash-bracket`. */
  id: string
  class: ShapeClass
  expect: Expectation
  build(context: ShapeContext): Step[]
  /** Answer or close within this bound from the start (default 10 s). */
  boundMs?: number
  /** A close without any answer is acceptable (framing a server may just drop). */
  closeOk?: boolean
  /** Final responses to wait for (pipelining), default 1. */
  responses?: number
  /** Wait this long after the awaited responses for more (a smuggled request's answer). */
  lingerMs?: number
  /** Send the good request while this shape is still under way, this many ms after it began. */
  probeDuringMs?: number
  bodyless?: boolean
}
