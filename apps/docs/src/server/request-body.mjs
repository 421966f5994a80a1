// @ts-check
// Reads a request body into memory up to a limit, so that a body too large is refused before
// any of it is kept or forwarded, and a body that breaks off is an error of that request only.

export class BodyTooLargeError extends Error {
  /** @param {number} limit */
  constructor(limit) {
    super(`the request body is larger than ${limit} bytes`)
    this.name = 'BodyTooLargeError'
    this.limit = limit
  }
}

export class BodyStreamError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message)
    this.name = 'BodyStreamError'
  }
}

/**
 * @param {import('node:http').IncomingMessage} request
 * @param {number} limit bytes
 * @returns {Promise<Buffer>}
 */
export function readBodyUpTo(request, limit) {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new BodyTooLargeError(limit))
  }
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = []
    let size = 0
    const fail = (/** @type {Error} */ error) => {
      request.off('data', onData)
      // Stop reading: the answer says why, and the connection is closed after it.
      request.pause()
      reject(error)
    }
    const onData = (/** @type {Buffer} */ chunk) => {
      size += chunk.length
      if (size > limit) fail(new BodyTooLargeError(limit))
      else chunks.push(chunk)
    }
    request.on('data', onData)
    request.once('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', (error) =>
      fail(new BodyStreamError(`the request body broke off (${error.message})`)),
    )
    request.once('aborted', () => fail(new BodyStreamError('the request body broke off')))
  })
}
