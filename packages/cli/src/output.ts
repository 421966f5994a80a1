// What a command prints: a table for people, one JSON document for scripts (--json, its shape
// in schema/output.schema.json), secrets masked unless --show-secret. Only stdout ever carries a
// secret; stderr gets progress, hints and errors, which never hold one.
import type { Io } from './io.js'

/** A credential as the CLI prints it; `apiSecret` only with --show-secret (or a hand-over). */
export interface CredentialOut {
  apiKey: string
  apiSecret?: string
  credentialStatus?: string
  dateCreated?: string
  accountId?: string
  userId?: string
}

export const MASK = '********'

const FIELDS = ['apiKey', 'apiSecret', 'credentialStatus', 'dateCreated', 'accountId', 'userId']

/** The credential's known fields, its secret dropped unless `showSecret`. */
export function credentialOut(source: Record<string, unknown>, showSecret: boolean): CredentialOut {
  const out: Record<string, string> = {}
  for (const field of FIELDS) {
    const value = source[field]
    if (typeof value !== 'string') continue
    if (field === 'apiSecret' && !showSecret) continue
    out[field] = value
  }
  return out as unknown as CredentialOut
}

export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

/** An aligned table; a column appears only if a row has a value for it. */
export function table(rows: CredentialOut[], { secretColumn }: { secretColumn: boolean }): string {
  if (!rows.length) return '(no credentials)\n'
  const columns = FIELDS.filter(
    (f) => (f === 'apiSecret' && secretColumn) || rows.some((r) => r[f as keyof CredentialOut]),
  )
  const cells = rows.map((row) =>
    columns.map((c) => row[c as keyof CredentialOut] ?? (c === 'apiSecret' ? MASK : '')),
  )
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)))
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return `${[line(columns), ...cells.map(line)].join('\n')}\n`
}

export function note(io: Io, text: string): void {
  io.stderr.write(`${text}\n`)
}
