// Progress while a run goes: on a terminal, one bar per group of checks, redrawn in place; in a
// log (CI), one plain line as each check ends. Both go to stderr: stdout is the summary.
import type { RunEvent } from '../run.js'

export interface ProgressStream {
  write(text: string): unknown
  isTTY?: boolean
}

const BAR_WIDTH = 30
const REDRAW_MS = 100

function bar(done: number, total: number): string {
  const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH)
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`
}

export interface Progress {
  onEvent(event: RunEvent): void
  /** Draws the last state (a terminal) so that the summary follows a complete picture. */
  finish(): void
}

export function createProgress(stream: ProgressStream, tty = stream.isTTY === true): Progress {
  const bars = new Map<string, { done: number; total: number }>()
  const quarters = new Map<string, number>()
  let drawn = 0
  let lastDraw = 0
  const header = (event: Extract<RunEvent, { type: 'start' }>) =>
    `Checking ${event.url}: ${event.note}\nseed ${event.seed}, ${event.examples} examples per property, ${event.concurrency} checks at a time\n`

  function draw() {
    lastDraw = Date.now()
    const width = Math.max(0, ...[...bars.keys()].map((group) => group.length))
    const lines = [...bars].map(
      ([group, { done, total }]) => `${group.padEnd(width)}  ${bar(done, total)}  ${done}/${total}`,
    )
    const up = drawn > 0 ? `\x1b[${drawn}A` : ''
    stream.write(`${up}${lines.map((line) => `\x1b[2K${line}\n`).join('')}`)
    drawn = lines.length
  }

  return {
    onEvent(event) {
      switch (event.type) {
        case 'start':
          stream.write(header(event))
          for (const { group, total } of event.groups) bars.set(group, { done: 0, total })
          if (tty) draw()
          break
        case 'progress': {
          const entry = bars.get(event.group)
          if (!entry) break
          entry.done = event.done
          if (tty) {
            if (Date.now() - lastDraw >= REDRAW_MS) draw()
            break
          }
          // A log gets a line each time a group passes a quarter of its examples.
          const quarter = Math.floor((event.done / event.total) * 4)
          if (quarter > (quarters.get(event.group) ?? 0)) {
            quarters.set(event.group, quarter)
            stream.write(`${event.group}: ${event.done}/${event.total} examples\n`)
          }
          break
        }
        case 'check':
          if (!tty) {
            const { result } = event
            const verdict = { passed: 'pass', failed: 'FAIL', skipped: 'skip' }[result.status]
            const why = result.skipped ? `, ${result.skipped}` : ''
            stream.write(
              `${verdict}  ${result.id} (${result.requests} requests, ${(result.durationMs / 1000).toFixed(1)} s${why})\n`,
            )
          }
          break
        case 'cleanup':
          if (tty) draw()
          stream.write(`Deleting the ${event.pending} credential(s) this run created\n`)
          drawn = 0
          break
      }
    },
    finish() {
      if (tty && drawn > 0) draw()
      // A blank line between the progress and the summary that follows on stdout.
      stream.write('\n')
    },
  }
}
