// Where a run reads and writes: the process's streams and environment, passed in so that `main`
// can run inside a test or a program as well as from the bin.

export interface OutputStream {
  write(text: string): unknown
  isTTY?: boolean
}

export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean
  setRawMode?(mode: boolean): unknown
}

export interface Io {
  stdout: OutputStream
  stderr: OutputStream
  stdin: InputStream
  env: Record<string, string | undefined>
  /** Aborted on Ctrl-C / SIGTERM: a rotation stops between steps and says how to resume. */
  signal?: AbortSignal
}

/** Whether a person is at the keyboard: confirmation prompts need both ends on a terminal. */
export const interactive = (io: Io): boolean => io.stdin.isTTY === true && io.stderr.isTTY === true
