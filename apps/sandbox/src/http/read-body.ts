export type BodyResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'too-large' | 'not-utf8' }

const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads the body, refusing more than `limit` bytes: first by the declared Content-Length, then
 * by counting the streamed bytes (a chunked body declares none), so a large body is never
 * buffered whole.
 */
export async function readBodyWithLimit(request: Request, limit: number): Promise<BodyResult> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) return { ok: false, reason: 'too-large' }
  if (!request.body) return { ok: true, text: '' }
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      return { ok: false, reason: 'too-large' }
    }
    chunks.push(value)
  }
  const bytes = chunks.length === 1 ? (chunks[0] as Uint8Array) : concat(chunks, size)
  try {
    return { ok: true, text: decoder.decode(bytes) }
  } catch {
    return { ok: false, reason: 'not-utf8' }
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}
