// The leak group: no answer carries a secret where the spec does not return one. The run knows
// every secret it used or saw (its own, the keys it created or read, the wrong secrets it
// signed with) and every signature it sent.
import { joinPointer } from '@solapi/credentials-spec'
import type { Exchange } from '../http/exchange.js'
import type { ObserverCheck } from './types.js'

/** Where in the answer a text stands: a header, or a JSON Pointer into the body. */
function whereIn(exchange: Exchange, text: string): string {
  for (const [name, value] of Object.entries(exchange.response.headers)) {
    if (value.includes(text)) return `the ${name} header`
  }
  const found = (value: unknown, pointer: string): string | undefined => {
    if (typeof value === 'string') return value.includes(text) ? pointer : undefined
    if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const at = found(item, joinPointer(pointer, key))
        if (at !== undefined) return at
      }
    }
    return undefined
  }
  try {
    const pointer = found(JSON.parse(exchange.response.text), '')
    if (pointer !== undefined) return `the body at ${pointer || '(root)'}`
  } catch {
    // Not JSON: the body as a whole.
  }
  return 'the body'
}

export const leakChecks: ObserverCheck[] = [
  {
    kind: 'observer',
    id: 'leak.secret-echo',
    group: 'leak',
    title: 'no answer echoes a signature, nor an apiSecret where the spec documents none',
    writes: false,
    observe({ op, exchange, signature }, { secrets, documentsSecret }) {
      const { response } = exchange
      const text = `${response.text}\n${Object.values(response.headers).join('\n')}`
      const problems: string[] = []
      if (signature && text.includes(signature)) {
        problems.push(
          `the ${response.status} answer to ${op.operationId} echoes the request's signature in ${whereIn(exchange, signature)}`,
        )
      }
      if (!documentsSecret(op, response.status)) {
        for (const secret of secrets) {
          if (text.includes(secret)) {
            problems.push(
              `the ${response.status} answer to ${op.operationId} carries an apiSecret in ${whereIn(exchange, secret)}, where the spec documents none`,
            )
            break
          }
        }
      }
      return problems
    },
  },
]
