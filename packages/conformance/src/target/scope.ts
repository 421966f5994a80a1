// What a run may send. Reads are always safe; writes touch only credentials the run created,
// and against a server that is not on this machine only when the caller allows them.
import type { Operation } from '@solapi/credentials-spec'

/** The operations `--read-only` may send signed and valid: they change nothing. */
export const READ_OPERATIONS: ReadonlySet<string> = new Set([
  'getCredentialInfo',
  'getCredentialList',
])

export const isReadOperation = (op: Operation) => READ_OPERATIONS.has(op.operationId)

/** Whether the URL's host is this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === '::1' ||
    host === '0:0:0:0:0:0:0:1'
  )
}

export interface WriteScope {
  writes: boolean
  /** One sentence on what the run sends and why, printed before it starts. */
  note: string
}

export function writeScope(
  url: URL,
  { readOnly, allowWrites }: { readOnly: boolean; allowWrites: boolean },
): WriteScope {
  if (readOnly) {
    return {
      writes: false,
      note: 'read-only (--read-only): only getCredentialInfo, getCredentialList and auth-negative requests',
    }
  }
  if (isLoopback(url)) {
    return { writes: true, note: 'every check (loopback: writes allowed)' }
  }
  if (allowWrites) {
    return {
      writes: true,
      note: 'every check (--allow-writes): the run writes only to credentials it creates, and deletes them',
    }
  }
  return {
    writes: false,
    note: `read-only: ${url.hostname} is not loopback, so no write is sent (--allow-writes runs the write checks too)`,
  }
}
