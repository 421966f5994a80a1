// @ts-check
// Start-up, part of `pnpm bench`: how long a test suite waits for a sandbox, against how long it
// waits for the Prism mock, measured in the same run.
// - startSandbox() in this process, in memory, on a free port: the median of 50 starts (each
//   closed again), after a first, cold start that also loads the modules;
// - reset through the control API (over HTTP, as a test's beforeEach sends it), with an extra
//   account and key to remove each time: the median of 50;
// - the sandbox's bin as its own process, and Prism's mock (the devkit's startPrism), each
//   started until it answers, alternately, BENCH_PROCESS_STARTS times (default 5).
// Goals: a start within 50 ms and a reset within 5 ms. It prints the figures and ratios; it
// never fails on a number.
import { startSandbox } from '@solapi/credentials-sandbox'
import { startPrism, startSandboxProcess } from '@solapi/devkit'
import { median } from './stats.mjs'

const STARTS = 50
const RESETS = 50
const PROCESS_STARTS = Number(process.env.BENCH_PROCESS_STARTS ?? 5)
const START_GOAL_MS = 50
const RESET_GOAL_MS = 5

/** @param {() => Promise<unknown>} work the time it takes, in ms */
async function timed(work) {
  const started = performance.now()
  await work()
  return performance.now() - started
}

const ms = (/** @type {number} */ n) => `${n.toFixed(n < 10 ? 2 : 0)} ms`

export async function runStartupBench() {
  /** @type {Awaited<ReturnType<typeof startSandbox>> | undefined} */
  let sandbox
  const cold = await timed(async () => {
    sandbox = await startSandbox()
  })
  await sandbox?.close()
  const starts = []
  for (let i = 0; i < STARTS; i++) {
    starts.push(
      await timed(async () => {
        sandbox = await startSandbox()
      }),
    )
    await sandbox?.close()
  }

  const steered = await startSandbox()
  const resets = []
  for (let i = 0; i < RESETS; i++) {
    await steered.control.createAccount()
    resets.push(await timed(() => steered.control.resetSandbox()))
  }
  await steered.close()

  /** @type {number[]} */
  const binStarts = []
  /** @type {number[]} */
  const prismStarts = []
  for (let i = 0; i < PROCESS_STARTS; i++) {
    /** @type {{ stop(): Promise<void> } | undefined} */
    let server
    binStarts.push(
      await timed(async () => {
        server = await startSandboxProcess()
      }),
    )
    await server?.stop()
    prismStarts.push(
      await timed(async () => {
        server = await startPrism()
      }),
    )
    await server?.stop()
  }

  const start = median(starts)
  const reset = median(resets)
  const prism = median(prismStarts)
  const bin = median(binStarts)
  console.log('\nStart-up, against the Prism mock in this run:')
  console.log(
    `  startSandbox(), in memory:  median ${ms(start)} of ${STARTS} (goal ${START_GOAL_MS} ms; the first, cold: ${ms(cold)})`,
  )
  console.log(
    `  reset (control API, HTTP):  median ${ms(reset)} of ${RESETS} (goal ${RESET_GOAL_MS} ms)`,
  )
  console.log(`  sandbox bin, a process:     median ${ms(bin)} of ${PROCESS_STARTS}`)
  console.log(`  Prism mock, a process:      median ${ms(prism)} of ${PROCESS_STARTS}`)
  console.log(
    `  ratios to Prism's start: startSandbox ${(start / prism).toFixed(4)}, reset ${(reset / prism).toFixed(4)}, sandbox bin ${(bin / prism).toFixed(2)}`,
  )
}
