// The shape of a generated command (src/generated/commands.ts): what the spec says about one
// operation, as the command line needs it.

/** A string field's rule: a pattern with its lengths, or an enum. */
export interface FieldRule {
  name: string
  description: string
  pattern?: string
  minLength?: number
  maxLength?: number
  enum?: string[]
}

/** An option that keeps only the answer's entries whose `field` has the given value. */
export interface FilterSpec extends FieldRule {
  option: string
  field: string
}

export interface ServerSpec {
  url: string
  description: string
}

export interface CommandSpec {
  name: string
  operationId: string
  method: string
  path: string
  summary: string
  description: string
  /** Positional arguments: the body's required fields the command does not fix. */
  args: FieldRule[]
  /** Body fields the command sets itself (`deactivate` sets `credentialStatus: inactive`). */
  fixed: Record<string, string>
  filters: FilterSpec[]
  examples: string[]
  /** Whether the 200 answer carries an `apiSecret` (masked unless --show-secret). */
  returnsSecret: boolean
  /** Why the command asks for confirmation, or null when it does not. */
  confirm: string | null
  /** Refuses to act on the key it signs with, unless --allow-self. */
  guardsSelf: boolean
}
