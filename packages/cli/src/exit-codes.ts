// The documented exit codes (README "Exit codes"). Scripts branch on them, so they never change
// meaning; a new case gets a new number.
export const EXIT = {
  /** Done. */
  ok: 0,
  /** A bug or an unexpected failure of the CLI itself. */
  internal: 1,
  /** Bad arguments or options, no credentials, `--yes` missing off a terminal, a self-key guard. */
  usage: 2,
  /** The server refused the request (4xx, or 500). */
  refused: 3,
  /** The server could not be reached or is unavailable (network, timeout, 429, 502, 503, 504). */
  unavailable: 4,
  /** A rotation stopped after changing the account: see its state file, `--resume`, `--rollback`. */
  partialRotation: 5,
  /** The profile file is unsafe (readable by others), unreadable or malformed. */
  config: 6,
  /** The confirmation prompt was answered no. */
  declined: 7,
  /** Interrupted (Ctrl-C, SIGTERM). */
  interrupted: 130,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]
