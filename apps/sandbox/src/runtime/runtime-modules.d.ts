// Minimal declarations of the runtime-specific modules and globals the sandbox touches. Only the
// members used here are declared; each runtime's real object has more.
declare module 'better-sqlite3' {
  interface Statement {
    readonly reader: boolean
    run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint }
    get(...params: unknown[]): unknown
    all(...params: unknown[]): unknown[]
  }
  class Database {
    constructor(filename: string)
    exec(sql: string): this
    prepare(sql: string): Statement
    close(): this
  }
  export default Database
}

declare module 'bun:sqlite' {
  export class Database {
    constructor(filename: string, options?: { create?: boolean; strict?: boolean })
    exec(sql: string): void
    prepare(sql: string): {
      run(...params: unknown[]): { changes: number }
      get(...params: unknown[]): unknown
      all(...params: unknown[]): unknown[]
    }
    close(): void
  }
}

declare module 'node:sqlite' {
  export class DatabaseSync {
    constructor(filename: string)
    exec(sql: string): void
    prepare(sql: string): {
      run(...params: unknown[]): { changes: number | bigint }
      get(...params: unknown[]): unknown
      all(...params: unknown[]): unknown[]
    }
    close(): void
  }
}

interface BunServer {
  readonly port: number
  stop(closeActiveConnections?: boolean): Promise<void>
}
declare const Bun: {
  serve(options: {
    port: number
    hostname: string
    idleTimeout?: number
    fetch: (request: Request) => Response | Promise<Response>
  }): BunServer
}

declare const Deno: {
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void
}
