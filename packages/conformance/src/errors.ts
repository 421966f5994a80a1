// The errors a run can end with before any check has a verdict.

/**
 * A bad option, or a target the kit cannot work with (nothing answers at the URL, the server
 * refuses the credential). The CLI exits 2 with the message, which names the option and the rule.
 */
export class UsageError extends Error {
  override name = 'UsageError'
  /** The command-line option at fault, e.g. `--examples`. */
  readonly option: string
  constructor(option: string, rule: string) {
    super(`${option} ${rule}`)
    this.option = option
  }
}

/** The run was stopped (Ctrl-C, SIGTERM, or the caller's AbortSignal) before it finished. */
export class RunAborted extends Error {
  override name = 'RunAborted'
  constructor() {
    super('The run was stopped before it finished')
  }
}

/**
 * A request the kit refuses to send because it could touch a credential the run did not create.
 * Seeing one is a bug in the kit: nothing is sent.
 */
export class SafetyError extends Error {
  override name = 'SafetyError'
}
