// @ts-check
// `pnpm --filter @solapi/credentials-docs start`: serves dist/ on PORT (8080) and HOST (127.0.0.1).
// With MOCK_URL and SANDBOX_URL (`pnpm start` sets them), it also forwards the "Try it" console's
// calls to those servers; SANDBOX_API_KEY and SANDBOX_API_SECRET are then the sandbox's test
// credential, which the console fills in (it is never printed). DOCS_HOST_NAMES (comma-separated
// Host values, e.g. `docs.example.com`) are the names of a hosted copy, which it answers besides
// its loopback names. DOCS_CONNECT_ORIGINS (comma-separated origins, e.g.
// `https://staging.example.com`) are servers the console may call when a reader types their URL,
// besides this machine's and the spec's: the page's Content-Security-Policy refuses any other.
import { portFromEnv } from '@solapi/devkit'
import { DEFAULT_HOST, DEFAULT_PORT, serveDocs } from '../src/serve-docs.mjs'
import { checkedConnectOrigins } from '../src/server/connect-origins.mjs'

const {
  MOCK_URL,
  SANDBOX_URL,
  SANDBOX_API_KEY,
  SANDBOX_API_SECRET,
  DOCS_HOST_NAMES,
  DOCS_CONNECT_ORIGINS,
} = process.env

/** @param {string | undefined} value a comma-separated list */
const listFromEnv = (value) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

try {
  const docs = await serveDocs({
    port: portFromEnv('PORT', DEFAULT_PORT),
    host: process.env.HOST || DEFAULT_HOST,
    hostNames: listFromEnv(DOCS_HOST_NAMES),
    connectOrigins: checkedConnectOrigins(
      listFromEnv(DOCS_CONNECT_ORIGINS),
      'DOCS_CONNECT_ORIGINS',
    ),
    upstreams: {
      ...(MOCK_URL ? { mock: MOCK_URL } : {}),
      ...(SANDBOX_URL ? { sandbox: SANDBOX_URL } : {}),
    },
    ...(SANDBOX_API_KEY && SANDBOX_API_SECRET
      ? { sandboxCredential: { apiKey: SANDBOX_API_KEY, apiSecret: SANDBOX_API_SECRET } }
      : {}),
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
