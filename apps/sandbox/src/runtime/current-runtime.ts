export type Runtime = 'node' | 'bun' | 'deno'

/** The JavaScript runtime this code runs on. Bun and Deno each define a global of their name. */
export function currentRuntime(): Runtime {
  if ('Bun' in globalThis) return 'bun'
  if ('Deno' in globalThis) return 'deno'
  return 'node'
}
