// The client the commands send through: @solapi/credentials-client with the CLI's timeout, and
// one call per generated command, by the operation's id.
import {
  type CredentialsClient,
  createCredentialsClient,
  DEFAULT_TIMEOUT_MS,
} from '@solapi/credentials-client'
import type { CommandSpec } from './command-spec.js'
import type { Credential } from './credentials.js'

export interface ClientOptions {
  baseUrl: string
  timeoutMs?: number
  signal?: AbortSignal
}

export function clientFor(credential: Credential, options: ClientOptions): CredentialsClient {
  return createCredentialsClient({
    ...credential,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  })
}

/** Calls the command's operation with its arguments, then the values the command fixes. */
export function callOperation(
  client: CredentialsClient,
  spec: CommandSpec,
  args: Record<string, string>,
  signal?: AbortSignal,
): Promise<unknown> {
  const method = client[spec.operationId as keyof CredentialsClient]
  if (typeof method !== 'function') {
    throw new Error(
      `the client has no method ${spec.operationId}: update @solapi/credentials-client`,
    )
  }
  const positional = [...spec.args.map((a) => args[a.name]), ...Object.values(spec.fixed)]
  return (method as (...values: unknown[]) => Promise<unknown>)(
    ...positional,
    signal ? { signal } : {},
  )
}
