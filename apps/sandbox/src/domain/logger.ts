export type LogLevel = 'silent' | 'error' | 'info'

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void
  error(event: string, fields?: Record<string, unknown>): void
}

/**
 * One JSON object per line on stdout. Callers pass only what is safe to keep: never a body, a
 * secret, a signature or an Authorization header.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => console.log(line),
): Logger {
  const emit = (severity: 'info' | 'error', event: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level: severity, event, ...fields }))
  return {
    info: level === 'info' ? (event, fields) => emit('info', event, fields) : () => {},
    error: level === 'silent' ? () => {} : (event, fields) => emit('error', event, fields),
  }
}
