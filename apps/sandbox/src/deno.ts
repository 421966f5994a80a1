// Deno entry: `deno run -A dist/deno.js`. node:sqlite + Deno.serve.
import { startSandbox } from './start.js'
import { openNodeSqlite } from './storage/node-sqlite-driver.js'

await startSandbox({
  runtime: 'deno',
  openDriver: openNodeSqlite,
  onSignal: (signal, handler) => Deno.addSignalListener(signal, handler),
  serve: (fetch, { port, hostname }) =>
    new Promise((resolve, reject) => {
      try {
        const server = Deno.serve(
          {
            port,
            hostname,
            onListen: (addr) => resolve({ port: addr.port, close: () => server.shutdown() }),
          },
          fetch,
        )
      } catch (error) {
        reject(
          (error as Error).name === 'AddrInUse'
            ? Object.assign(error as Error, { code: 'EADDRINUSE' })
            : error,
        )
      }
    }),
})
