// @ts-check
// What a server process costs, read from Linux's /proc: NaN where /proc is missing.
import { readFileSync } from 'node:fs'

// Linux reports process CPU time in clock ticks of 1/100 s.
const CLOCK_TICKS_PER_SECOND = 100

/** CPU time (user + system) a process has used, in seconds. */
export function cpuSeconds(/** @type {number | undefined} */ pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
  } catch {
    return Number.NaN
  }
}

/** The resident set size of a process, in bytes. */
export function rssBytes(/** @type {number | undefined} */ pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)
    return line ? Number(line[1]) * 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}
