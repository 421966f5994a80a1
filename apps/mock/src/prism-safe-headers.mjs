// @ts-check
// Loaded into Prism's process (`node --import`). Prism copies request text into response
// headers (its `sl-violations` quotes property names and values of the body), and a character
// above U+00FF there makes Node throw ERR_INVALID_CHAR inside Prism, which then exits: one
// request with `{"한":1}` ended the mock. Every header Prism sets is made safe ASCII here.
import http from 'node:http'
import { safeHeaderValue, violationsHeader } from './header-value.mjs'

/**
 * @param {string} name
 * @param {unknown} value
 * @returns {unknown}
 */
function safe(name, value) {
  if (Array.isArray(value)) return value.map((item) => safe(name, item))
  if (typeof value !== 'string') return value
  if (name.toLowerCase() === 'sl-violations') {
    try {
      const violations = JSON.parse(value)
      if (Array.isArray(violations)) return violationsHeader(violations)
    } catch {
      // Prism's own cut ("Too many violations! [..." and no end): made safe as text below.
    }
  }
  return safeHeaderValue(value)
}

/** @type {any} */
const response = http.ServerResponse.prototype
const { setHeader, writeHead } = response

/**
 * @this {http.ServerResponse}
 * @param {string} name
 * @param {unknown} value
 */
response.setHeader = function safeSetHeader(name, value) {
  return setHeader.call(this, name, safe(String(name), value))
}

/**
 * @this {http.ServerResponse}
 * @param {number} status
 * @param {unknown[]} rest an optional reason phrase, then optional headers
 */
response.writeHead = function safeWriteHead(status, ...rest) {
  const last = rest.length - 1
  const headers = rest[last]
  if (Array.isArray(headers)) {
    // [name, value, name, value, ...]
    rest[last] = headers.map((item, i) => (i % 2 ? safe(String(headers[i - 1]), item) : item))
  } else if (headers && typeof headers === 'object') {
    rest[last] = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, safe(name, value)]),
    )
  }
  return writeHead.call(this, status, ...rest)
}
