// Hands the new key to whoever needs it, the one moment a rotation shows a secret: printed on
// stdout, written to a file only its owner can read, or given to a command in its environment
// (the rotation goes on only if that command exits 0).
import { spawn } from 'node:child_process'
import { chmodSync, closeSync, openSync, writeSync } from 'node:fs'
import type { Credential } from '../credentials.js'
import type { Io } from '../io.js'
import type { Handover } from './state.js'

export const envLines = (credential: Credential) =>
  `SOLAPI_API_KEY=${credential.apiKey}\nSOLAPI_API_SECRET=${credential.apiSecret}\n`

/** Writes the key to `path` with mode 0600, replacing what was there. */
export function writeKeyFile(path: string, credential: Credential): void {
  const fd = openSync(path, 'w', 0o600)
  try {
    chmodSync(path, 0o600)
    writeSync(fd, envLines(credential))
  } finally {
    closeSync(fd)
  }
}

/** Runs `command` in a shell with the new key in its environment; resolves to its exit code. */
export function runHandoverCommand(
  command: string,
  credential: Credential,
  oldApiKey: string,
  io: Io,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...(io.env as NodeJS.ProcessEnv),
        SOLAPI_API_KEY: credential.apiKey,
        SOLAPI_API_SECRET: credential.apiSecret,
        SOLAPI_OLD_API_KEY: oldApiKey,
      },
    })
    // The command's own output goes to stdout: what it prints is its business, and stderr
    // stays free of anything a command might echo.
    child.stdout?.on('data', (chunk) => io.stdout.write(String(chunk)))
    child.stderr?.on('data', (chunk) => io.stdout.write(String(chunk)))
    const onAbort = () => child.kill('SIGTERM')
    io.signal?.addEventListener('abort', onAbort, { once: true })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      io.signal?.removeEventListener('abort', onAbort)
      resolve(code ?? (signal ? 128 : 1))
    })
  })
}

export function describeHandover(handover: Handover): string {
  if (handover.mode === 'print') return 'printed on stdout'
  if (handover.mode === 'write-file') return `written to ${handover.path} (mode 0600)`
  return `given to \`${handover.command}\``
}
