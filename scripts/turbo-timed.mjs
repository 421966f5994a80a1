#!/usr/bin/env node
// Runs `turbo <args> --summarize` and then prints the slowest tasks of that run from turbo's run
// summary (.turbo/runs/<id>.json), whatever the outcome, so that every run says where its time
// went. Exits with turbo's code. `node scripts/turbo-timed.mjs --report [file]` prints the table
// of an existing summary (the newest one by default) without running anything.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const RUNS_DIR = join(process.cwd(), '.turbo', 'runs')
const SHOWN = 12

/** The summary files written since `since` (ms), newest first. */
function summariesSince(since) {
  if (!existsSync(RUNS_DIR)) return []
  return readdirSync(RUNS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => join(RUNS_DIR, file))
    .filter((file) => statSync(file).mtimeMs >= since)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
}

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`

/** The slowest tasks of one run summary, as lines of a table. */
export function slowestTasks(summary, shown = SHOWN) {
  const tasks = summary.tasks
    .filter((task) => task.execution?.startTime && task.execution?.endTime)
    .map((task) => ({
      id: task.taskId,
      ms: task.execution.endTime - task.execution.startTime,
      cache: task.cache?.status === 'HIT' ? 'cached' : '',
      failed: task.execution.exitCode ? `exit ${task.execution.exitCode}` : '',
    }))
    .sort((a, b) => b.ms - a.ms)
  const run = summary.execution
  const wall = typeof run?.startTime === 'number' ? run.endTime - run.startTime : 0
  const busy = tasks.reduce((sum, task) => sum + task.ms, 0)
  const width = Math.max(...tasks.slice(0, shown).map((task) => task.id.length), 4)
  return [
    `Slowest tasks (${tasks.length} run, ${seconds(wall)} wall, ${seconds(busy)} of tasks):`,
    ...tasks
      .slice(0, shown)
      .map((task) =>
        `  ${task.id.padEnd(width)}  ${seconds(task.ms).padStart(8)}  ${task.cache}${task.failed}`.trimEnd(),
      ),
  ]
}

function report(file) {
  const summary = JSON.parse(readFileSync(file, 'utf8'))
  console.log(`\n${slowestTasks(summary).join('\n')}\n  (${file})`)
}

const args = process.argv.slice(2)
if (args[0] === '--report') {
  const file = args[1] ?? summariesSince(0)[0]
  if (!file) {
    console.error('turbo-timed: no run summary in .turbo/runs')
    process.exit(1)
  }
  report(file)
} else {
  const started = Date.now()
  const child = spawn('turbo', [...args, '--summarize'], { stdio: 'inherit' })
  // A terminal's Ctrl-C reaches turbo too (same process group); wait for it to finish.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {})
  child.once('error', (error) => {
    console.error(`turbo: ${error.message}`)
    process.exit(1)
  })
  child.once('exit', (code, signal) => {
    const [file] = summariesSince(started - 1000)
    if (file) report(file)
    process.exit(code ?? (signal ? 1 : 0))
  })
}
