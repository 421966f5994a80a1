// @ts-check
/**
 * The environment that gives a benched sandbox a replay ledger big enough for the run. One
 * account signs every call of a round, and each signature stays live for the replay window: the
 * default share per account (a hosted sandbox's quota) fills within seconds at bench rates, and
 * every call after it would measure a 429.
 */
export const BENCH_REPLAY_LEDGER = {
  SANDBOX_REPLAY_CAPACITY: String(2 ** 22),
  SANDBOX_REPLAY_CAPACITY_PER_ACCOUNT: String(2 ** 22),
}
