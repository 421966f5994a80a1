// The advisory locks the sandbox takes, as PostgreSQL's two-key form (space, lock): the space is
// the sandbox's own, so that other applications on the same database do not meet its locks.
export const LOCK_SPACE = 0x5eb0c5

export const LOCKS = {
  /** Schema migrations at start. */
  migrate: 1,
  /** The start-up steps after the migrations: master key check, bootstrap credential. */
  start: 2,
  /** Account numbers (the next is the highest plus one) and reset. */
  accounts: 3,
} as const
