// Questions on a terminal, asked on stderr: a yes/no confirmation, a line, or a secret read
// without echo. Off a terminal, a secret is read whole from stdin.
import { createInterface } from 'node:readline'
import type { Io } from './io.js'

/** One line typed at the terminal. */
export function askLine(io: Io, question: string): Promise<string> {
  const rl = createInterface({
    input: io.stdin,
    output: io.stderr as NodeJS.WritableStream,
    terminal: false,
  })
  io.stderr.write(question)
  return new Promise((resolve) => {
    let answered = false
    rl.once('line', (line) => {
      answered = true
      rl.close()
      resolve(line.trim())
    })
    rl.once('close', () => {
      if (!answered) resolve('')
    })
  })
}

export async function confirm(io: Io, question: string): Promise<boolean> {
  const answer = await askLine(io, `${question} [y/N] `)
  return /^y(es)?$/i.test(answer)
}

/** A secret typed at the terminal with echo off (raw mode), ended by Enter. */
export function askSecret(io: Io, question: string): Promise<string> {
  const { stdin } = io
  io.stderr.write(question)
  return new Promise((resolve, reject) => {
    let value = ''
    stdin.setRawMode?.(true)
    stdin.resume()
    const done = (result: string | Error) => {
      stdin.removeListener('data', onData)
      stdin.setRawMode?.(false)
      stdin.pause()
      io.stderr.write('\n')
      if (result instanceof Error) reject(result)
      else resolve(result)
    }
    const onData = (chunk: Buffer | string) => {
      for (const char of String(chunk)) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done(value)
        if (char === '\u0003') return done(new Error('interrupted'))
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1)
        else value += char
      }
    }
    stdin.on('data', onData)
  })
}

/** All of stdin, for a secret piped in (`login < secret.txt`). */
export async function readAll(io: Io): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8').trim()
}
