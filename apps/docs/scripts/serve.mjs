// @ts-check
// `pnpm --filter @solapi/credentials-docs start`: serves dist/ on PORT (8080) and HOST (127.0.0.1).
import { portFromEnv } from '@solapi/devkit'
import { DEFAULT_HOST, DEFAULT_PORT, serveDocs } from '../src/serve-docs.mjs'

try {
  const docs = await serveDocs({
    port: portFromEnv('PORT', DEFAULT_PORT),
    host: process.env.HOST || DEFAULT_HOST,
  })
  console.log(`SOLAPI Credentials API docs on ${docs.url}`)
  const shutdown = () => docs.close().then(() => process.exit(0))
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
} catch (error) {
  const message = error instanceof Error ? error.message : String(error)
  console.error(
    /** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE'
      ? `${message}; set PORT to choose another`
      : message,
  )
  process.exit(1)
}
