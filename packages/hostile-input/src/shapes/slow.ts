// Slow clients: a head or a body sent one byte a second (slowloris), a client that stalls or
// leaves half-way, and a crowd of idle connections. The slow phase is bounded (a few seconds),
// and while it lasts the server must still answer the good request on another connection.
import type { Shape, ShapeContext } from '../shape.ts'
import { head } from '../wire.ts'

/** How long a slow shape dribbles; the suite's runtime grows with it, so it stays short. */
const SLOW_MS = 3000
const DRIP_EVERY_MS = 1000
const DRIP_BYTES = SLOW_MS / DRIP_EVERY_MS
const BOUND_MS = SLOW_MS + 10_000
/** The good request goes out once the slow one is under way. */
const PROBE_DURING_MS = 1500

const headOf = (context: ShapeContext) => head(context, { body: context.goodBody })

export const slowShapes: Shape[] = [
  {
    id: 'slow.head-one-byte-a-second',
    class: 'slow',
    expect: 'any',
    boundMs: BOUND_MS,
    probeDuringMs: PROBE_DURING_MS,
    build: (context) => {
      const whole = headOf(context)
      return [
        { drip: whole.subarray(0, DRIP_BYTES), everyMs: DRIP_EVERY_MS },
        { write: Buffer.concat([whole.subarray(DRIP_BYTES), Buffer.from(context.goodBody)]) },
      ]
    },
  },
  {
    id: 'slow.header-fields-one-byte-a-second',
    class: 'slow',
    expect: 'any',
    boundMs: BOUND_MS,
    probeDuringMs: PROBE_DURING_MS,
    build: (context) => {
      const whole = headOf(context)
      const cut = whole.length - 2
      return [
        { write: whole.subarray(0, cut) },
        { drip: Buffer.from('X-Slow: abc\r\n'.slice(0, DRIP_BYTES)), everyMs: DRIP_EVERY_MS },
        {
          write: Buffer.concat([
            Buffer.from('X-Slow: abc\r\n'.slice(DRIP_BYTES)),
            whole.subarray(cut),
            Buffer.from(context.goodBody),
          ]),
        },
      ]
    },
  },
  {
    id: 'slow.head-then-leave',
    class: 'slow',
    expect: 'none',
    boundMs: BOUND_MS,
    probeDuringMs: PROBE_DURING_MS,
    build: (context) => [
      { drip: headOf(context).subarray(0, DRIP_BYTES), everyMs: DRIP_EVERY_MS },
      'abort',
    ],
  },
  {
    id: 'slow.body-one-byte-a-second',
    class: 'slow',
    expect: 'any',
    boundMs: BOUND_MS,
    probeDuringMs: PROBE_DURING_MS,
    build: (context) => {
      // Leading whitespace is valid JSON, so the body stays the good one however slowly it comes.
      const body = `${' '.repeat(DRIP_BYTES)}${context.goodBody}`
      return [
        { write: head(context, { body }) },
        { drip: Buffer.from(body.slice(0, DRIP_BYTES)), everyMs: DRIP_EVERY_MS },
        { write: Buffer.from(body.slice(DRIP_BYTES)) },
      ]
    },
  },
  {
    id: 'slow.body-stall-then-fin',
    class: 'slow',
    expect: 'any',
    closeOk: true,
    boundMs: BOUND_MS,
    probeDuringMs: PROBE_DURING_MS,
    build: (context) => [
      { write: head(context, { body: '', contentLength: 64 }) },
      { write: Buffer.from('{') },
      { pause: SLOW_MS },
      'fin',
    ],
  },
  {
    id: 'slow.head-stall-then-leave',
    class: 'slow',
    expect: 'none',
    boundMs: BOUND_MS,
    probeDuringMs: PROBE_DURING_MS,
    build: (context) => [{ write: headOf(context).subarray(0, 10) }, { pause: SLOW_MS }, 'abort'],
  },
  {
    id: 'slow.200-idle-connections',
    class: 'slow',
    expect: 'any',
    boundMs: BOUND_MS,
    probeDuringMs: PROBE_DURING_MS,
    build: (context) => [
      { crowd: 200, holdMs: SLOW_MS },
      { write: Buffer.concat([headOf(context), Buffer.from(context.goodBody)]) },
    ],
  },
]
