// @ts-check
// Start-up, part of `pnpm bench`: how long a test suite waits for a sandbox, each figure against
// a baseline measured in the same run.
// - startSandbox() in this process, in memory, on a free port: the median of 50 starts (each
//   closed again), after a first, cold start that also loads the modules; the baseline is a bare
//   node:http server started (listening on a free port) and closed in this process;
// - reset through the control API (over HTTP, as a test's beforeEach sends it), with an extra
//   account and key to remove each time: the median of 50; the baseline is one POST with fetch
//   to a bare node:http server in this process, the round trip a reset cannot do without;
// - the sandbox's bin as its own process, from spawn to its first answer (a signed
//   getCredentialList through the published client), against a bare node:http process from
//   spawn to the same answer, alternately, BENCH_PROCESS_STARTS times (default 5); Prism's mock
//   (the devkit's startPrism) as the slower alternative a suite could start instead.
// It prints the figures and its floors; it never fails on a number.
import { once } from 'node:events'
import { createServer } from 'node:http'
import { createCredentialsClient } from '@solapi/credentials-client'
import { startSandbox } from '@solapi/credentials-sandbox'
import { credentialsContract } from '@solapi/credentials-spec'
import { randomCredential, startPrism, startSandboxProcess } from '@solapi/devkit'
import { startBare } from './bare-server.mjs'
import { median } from './stats.mjs'

const STARTS = 50
const RESETS = 50
const PROCESS_STARTS = Number(process.env.BENCH_PROCESS_STARTS ?? 5)
const START_GOAL_MS = 1.5
const RESET_GOAL_MS = 1.5
const FIRST_ANSWER_GOAL_MS = 250

const EXAMPLE = JSON.stringify(
  credentialsContract.operation('getCredentialList').responses['200']?.content['application/json']
    ?.examples.GetCredentialListResponse,
)

/** @param {() => Promise<unknown>} work the time it takes, in ms */
async function timed(work) {
  const started = performance.now()
  await work()
  return performance.now() - started
}

const ms = (/** @type {number} */ n) => `${n.toFixed(n < 10 ? 2 : 0)} ms`

/** A node:http server in this process that answers every request once it is read. */
async function listenBare() {
  const server = createServer((request, response) => {
    request.resume()
    request.once('end', () => response.end(EXAMPLE))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const close = () => {
    const closed = once(server, 'close')
    server.close()
    server.closeIdleConnections()
    return closed
  }
  return {
    url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
    close,
  }
}

/**
 * From spawn to the first answer a user's client gets: a signed getCredentialList.
 * @param {(credential: { apiKey: string, apiSecret: string }) => Promise<{ url: string, stop(): Promise<void> }>} start
 */
async function startToFirstAnswer(start) {
  const credential = randomCredential()
  /** @type {{ url: string, stop(): Promise<void> } | undefined} */
  let server
  const elapsed = await timed(async () => {
    server = await start(credential)
    const client = createCredentialsClient({ ...credential, baseUrl: server.url, retry: false })
    await client.getCredentialList()
  })
  await server?.stop()
  return elapsed
}

/** @param {import('./floors.mjs').Floor[]} floors where this part's floors go */
export async function runStartupBench(floors) {
  /** @type {Awaited<ReturnType<typeof startSandbox>> | undefined} */
  let sandbox
  const cold = await timed(async () => {
    sandbox = await startSandbox()
  })
  await sandbox?.close()
  const starts = []
  const bareStarts = []
  for (let i = 0; i < STARTS; i++) {
    starts.push(
      await timed(async () => {
        sandbox = await startSandbox()
      }),
    )
    await sandbox?.close()
    /** @type {Awaited<ReturnType<typeof listenBare>> | undefined} */
    let bare
    bareStarts.push(
      await timed(async () => {
        bare = await listenBare()
      }),
    )
    await bare?.close()
  }

  const steered = await startSandbox()
  const bare = await listenBare()
  const resets = []
  const roundTrips = []
  for (let i = 0; i < RESETS; i++) {
    await steered.control.createAccount()
    resets.push(await timed(() => steered.control.resetSandbox()))
    roundTrips.push(
      await timed(async () => {
        const response = await fetch(`${bare.url}/_sandbox/reset`, { method: 'POST', body: '{}' })
        await response.text()
      }),
    )
  }
  await Promise.all([steered.close(), bare.close()])

  /** @type {number[]} */
  const binStarts = []
  /** @type {number[]} */
  const bareProcessStarts = []
  /** @type {number[]} */
  const prismStarts = []
  for (let i = 0; i < PROCESS_STARTS; i++) {
    binStarts.push(
      await startToFirstAnswer((credential) =>
        startSandboxProcess({ database: ':memory:', ...credential }),
      ),
    )
    bareProcessStarts.push(
      await startToFirstAnswer(async () => {
        const started = await startBare(EXAMPLE)
        return { url: started.url, stop: () => started.process.stop() }
      }),
    )
    /** @type {{ stop(): Promise<void> } | undefined} */
    let prism
    prismStarts.push(
      await timed(async () => {
        prism = await startPrism()
      }),
    )
    await prism?.stop()
  }

  const start = median(starts)
  const bareStart = median(bareStarts)
  const reset = median(resets)
  const roundTrip = median(roundTrips)
  const bin = median(binStarts)
  const bareProcess = median(bareProcessStarts)
  const prism = median(prismStarts)
  console.log('\nStart-up, each against a baseline in this run:')
  console.log(
    `  startSandbox(), in memory:      median ${ms(start)} of ${STARTS} (the first, cold: ${ms(cold)}); bare node:http listen + close ${ms(bareStart)}`,
  )
  console.log(
    `  reset (control API, HTTP):      median ${ms(reset)} of ${RESETS}; one fetch POST to bare node:http ${ms(roundTrip)}`,
  )
  console.log(
    `  sandbox bin, to first answer:   median ${ms(bin)} of ${PROCESS_STARTS} (runs: ${binStarts.map((n) => n.toFixed(0)).join(', ')} ms)`,
  )
  console.log(
    `  bare node:http process, same:   median ${ms(bareProcess)} of ${PROCESS_STARTS} (runs: ${bareProcessStarts.map((n) => n.toFixed(0)).join(', ')} ms)`,
  )
  console.log(
    `  Prism mock, until it listens:   median ${ms(prism)} of ${PROCESS_STARTS} (the sandbox bin takes ${(bin / prism).toFixed(2)} of it)`,
  )
  floors.push(
    {
      name: 'sandbox bin: spawn to first answer (signed getCredentialList)',
      value: bin,
      unit: 'ms',
      baseline: 'bare node:http process, spawn to the same answer',
      baselineValue: bareProcess,
      goal: `<= ${FIRST_ANSWER_GOAL_MS} ms`,
      met: bin <= FIRST_ANSWER_GOAL_MS,
    },
    {
      name: 'startSandbox() in process, in memory (median)',
      value: start,
      unit: 'ms',
      baseline: 'bare node:http listen + close in process',
      baselineValue: bareStart,
      goal: `<= ${START_GOAL_MS} ms`,
      met: start <= START_GOAL_MS,
    },
    {
      name: 'reset through the control API (median)',
      value: reset,
      unit: 'ms',
      baseline: 'one fetch POST to bare node:http in process',
      baselineValue: roundTrip,
      goal: `<= ${RESET_GOAL_MS} ms`,
      met: reset <= RESET_GOAL_MS,
    },
  )
}
