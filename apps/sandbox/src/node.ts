// Node entry: `node dist/node.js` (the `start` script). better-sqlite3 + @hono/node-server.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { startSandbox } from './start.js'
import { openBetterSqlite3 } from './storage/better-sqlite3-driver.js'

await startSandbox({
  runtime: 'node',
  openDriver: openBetterSqlite3,
  serve: (fetch, { port, hostname }) =>
    new Promise((resolve, reject) => {
      const server = serve({ fetch, port, hostname })
      server.once('error', reject)
      server.once('listening', () => {
        resolve({
          port: (server.address() as AddressInfo).port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done())
              if ('closeIdleConnections' in server) server.closeIdleConnections()
            }),
        })
      })
    }),
})
