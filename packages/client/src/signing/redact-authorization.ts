/**
 * Masks the signature of an `Authorization` header value and keeps the rest (method, apiKey,
 * date, salt), so the header can be shown in a log or an error.
 *
 * @example redactAuthorization('HMAC-SHA256 apiKey=K, date=D, salt=S, signature=abc')
 * // 'HMAC-SHA256 apiKey=K, date=D, salt=S, signature=[redacted]'
 */
export function redactAuthorization(value: string): string {
  return value.replace(/signature=[^,\s]*/g, 'signature=[redacted]')
}
