import { ValidationError } from '../errors/validation-error.ts'

/** A page has both `window` and `document`; Node, Bun, Deno and workers lack one of them. */
export function isBrowser(scope: object = globalThis): boolean {
  const g = scope as { window?: unknown; document?: unknown }
  return typeof g.window !== 'undefined' && typeof g.document !== 'undefined'
}

/** Refuses to hold an apiSecret in a page unless the caller opted in knowingly. */
export function assertBrowserAllowed(allowed: boolean | undefined, scope?: object): void {
  if (allowed === true || !isBrowser(scope)) return
  throw ValidationError.forArgument('createCredentialsClient', {
    field: 'dangerouslyAllowBrowser',
    rule: 'const',
    message:
      'must be true to run in a browser: the apiSecret signs every request, and in a page any ' +
      'visitor can read it from memory or the network panel. Sign on a server instead, or set ' +
      'dangerouslyAllowBrowser: true for a tool only you use',
  })
}
