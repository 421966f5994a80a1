// Bun entry: `bun dist/bun.js`. bun:sqlite + Bun.serve.
import { startSandbox } from './start.js'
import { openBunSqlite } from './storage/bun-sqlite-driver.js'

await startSandbox({
  runtime: 'bun',
  openDriver: openBunSqlite,
  serve: async (fetch, { port, hostname }) => {
    const server = Bun.serve({ port, hostname, fetch })
    return { port: server.port, close: async () => void (await server.stop()) }
  },
})
