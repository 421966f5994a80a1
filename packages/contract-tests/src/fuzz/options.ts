// How many examples each property runs, and with which seed: `pnpm fuzz --examples N` and
// `--seed S` reach the suite through these environment variables.

/** @default 200 examples per property, as the contract suite runs in the test command. */
const DEFAULT_EXAMPLES = 200

export interface FuzzParameters {
  numRuns: number
  seed?: number
}

export function fuzzParameters(env: NodeJS.ProcessEnv = process.env): FuzzParameters {
  const numRuns = env.FUZZ_EXAMPLES === undefined ? DEFAULT_EXAMPLES : Number(env.FUZZ_EXAMPLES)
  if (!Number.isInteger(numRuns) || numRuns < 1) {
    throw new Error(`FUZZ_EXAMPLES must be a positive integer, got "${env.FUZZ_EXAMPLES}"`)
  }
  if (env.FUZZ_SEED === undefined) return { numRuns }
  const seed = Number(env.FUZZ_SEED)
  if (!Number.isInteger(seed))
    throw new Error(`FUZZ_SEED must be an integer, got "${env.FUZZ_SEED}"`)
  return { numRuns, seed }
}
