// @ts-check
// Watches one process that owns server groups (see process.js), from outside it: the owner writes
// `+<pgid>` for each group it starts and `-<pgid>` for each that ends, on this process's stdin.
// When that pipe closes, the owner is gone, however it went (SIGKILL included, which no listener
// of its own hears), and every group it still had is killed.
import { createInterface } from 'node:readline'

/** @type {Set<number>} */
const groups = new Set()

const lines = createInterface({ input: process.stdin })
lines.on('line', (line) => {
  const pgid = Number(line.slice(1))
  if (!Number.isInteger(pgid) || pgid <= 1) return
  if (line.startsWith('+')) groups.add(pgid)
  else if (line.startsWith('-')) groups.delete(pgid)
})
lines.on('close', () => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL')
    } catch {
      // ESRCH: the group is already gone.
    }
  }
  process.exit(0)
})
