// One line per step of a rotation, on stderr: on a terminal, the line of the running step is
// replaced by its outcome; elsewhere each event is a plain line. Never a secret.
import type { Io } from '../io.js'

export interface Progress {
  start(step: string, text: string): void
  done(step: string, text: string): void
  fail(step: string, text: string): void
  info(text: string): void
}

export function createProgress(io: Io): Progress {
  const tty = io.stderr.isTTY === true
  let open = false
  const clear = () => {
    if (open) io.stderr.write('\r\x1b[2K')
    open = false
  }
  return {
    start(step, text) {
      if (tty) {
        clear()
        io.stderr.write(`… ${step}: ${text}`)
        open = true
      } else io.stderr.write(`rotate: ${step}: ${text}\n`)
    },
    done(step, text) {
      if (tty) {
        clear()
        io.stderr.write(`✓ ${step}: ${text}\n`)
      } else io.stderr.write(`rotate: ${step}: done: ${text}\n`)
    },
    fail(step, text) {
      if (tty) {
        clear()
        io.stderr.write(`✗ ${step}: ${text}\n`)
      } else io.stderr.write(`rotate: ${step}: failed: ${text}\n`)
    },
    info(text) {
      clear()
      io.stderr.write(tty ? `  ${text}\n` : `rotate: ${text}\n`)
    },
  }
}
