// @ts-check
// Reads a request body without ever holding more than the limit: a Content-Length above it is
// refused before a byte is read, and a body sent without one (chunked) is counted as it arrives
// and refused the moment it passes the limit. A stream that breaks (the client leaves mid-body,
// or its chunked framing is invalid) is reported, never thrown.

/**
 * @typedef {{ status: 'read', body: Buffer } | { status: 'too-large' } | { status: 'broken' }} BodyRead
 */

/**
 * @param {import('node:http').IncomingMessage} request
 * @param {number} maxBytes
 * @returns {Promise<BodyRead>}
 */
export function readBody(request, maxBytes) {
  if (Number(request.headers['content-length']) > maxBytes) {
    return Promise.resolve({ status: 'too-large' })
  }
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = []
    let size = 0
    /** @param {BodyRead} result */
    const finish = (result) => {
      request.off('data', onData)
      request.off('end', onEnd)
      request.off('close', onClose)
      resolve(result)
    }
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      size += chunk.length
      if (size > maxBytes) finish({ status: 'too-large' })
      else chunks.push(chunk)
    }
    const onEnd = () => finish({ status: 'read', body: Buffer.concat(chunks, size) })
    // 'close' before 'end': the body did not arrive whole.
    const onClose = () => finish({ status: 'broken' })
    request.on('data', onData)
    request.on('end', onEnd)
    request.on('close', onClose)
    // Errors are the stream's way of saying 'close' is coming; they must not go unheard.
    request.on('error', () => {})
  })
}
