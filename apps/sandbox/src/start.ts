import process from 'node:process'
import { createApp } from './app.js'
import { readConfig } from './config.js'
import { CredentialsService } from './credentials-service.js'
import { loadMasterKey } from './crypto/master-key.js'
import { SecretBox } from './crypto/secret-box.js'
import { createLogger, parseLogLevel } from './logger.js'
import { CredentialStore } from './storage/credential-store.js'
import type { OpenDriver } from './storage/sql-driver.js'

export interface RunningServer {
  port: number
  close(): Promise<void>
}

/** What differs between Node, Bun and Deno: the SQLite library and the HTTP listener. */
export interface RuntimeAdapter {
  runtime: 'node' | 'bun' | 'deno'
  openDriver: OpenDriver
  /** Resolves once listening; rejects with `{ code: 'EADDRINUSE' }` when the port is taken. */
  serve(
    fetch: (request: Request) => Response | Promise<Response>,
    address: { port: number; hostname: string },
  ): Promise<RunningServer>
  /** How to hear SIGINT/SIGTERM; Deno's node:process does not deliver them to `process.on`. */
  onSignal?(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void
}

const KEY_CHECK = 'master-key-check'

/** Human messages go to stderr; stdout carries only the JSON log. */
const say = (line: string) => process.stderr.write(`${line}\n`)

export async function startSandbox(adapter: RuntimeAdapter): Promise<void> {
  let config: ReturnType<typeof readConfig>
  let logLevel: ReturnType<typeof parseLogLevel>
  try {
    config = readConfig(process.env)
    logLevel = parseLogLevel(config.logLevel)
  } catch (error) {
    say(`sandbox: ${(error as Error).message}`)
    process.exit(1)
  }
  const logger = createLogger(logLevel)

  let store: CredentialStore
  try {
    store = new CredentialStore(await adapter.openDriver(config.database), config.database)
  } catch (error) {
    const reason = (error as Error).message
    say(
      /locked|busy/i.test(reason)
        ? `sandbox: ${config.database} is in use by another process (another sandbox?); stop it or set DATABASE.`
        : `sandbox: cannot open ${config.database}: ${reason}`,
    )
    process.exit(1)
  }
  let box: SecretBox
  try {
    const master = loadMasterKey(config.database, config.masterKey)
    box = await SecretBox.fromRawKey(master.key)
    if (master.source === 'key-file-created')
      say(`Created the master key file ${master.file} (mode 0600).`)
    await checkMasterKey(store, box)
  } catch (error) {
    say(`sandbox: ${(error as Error).message}`)
    store.close()
    process.exit(1)
  }

  const credentials = new CredentialsService(store, box)
  const app = createApp({ credentials, logger, replayCapacity: config.replayCapacity })
  let server: RunningServer
  try {
    server = await adapter.serve(app.fetch, { port: config.port, hostname: config.host })
  } catch (error) {
    store.close()
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      say(
        `sandbox: port ${config.port} on ${config.host} is already in use; stop the other server or set PORT.`,
      )
    } else {
      say(`sandbox: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`)
    }
    process.exit(1)
  }

  // Bootstrap only once the port is ours: a failed start must not consume the one-time print.
  if (store.count() === 0) {
    if (config.bootstrap) {
      await credentials.create(config.bootstrap)
      say(
        `Bootstrap credential ${config.bootstrap.apiKey} created from SANDBOX_API_KEY/SANDBOX_API_SECRET.`,
      )
    } else {
      const keys = await credentials.create()
      // The one time the sandbox shows a secret: it exists nowhere else in plain text.
      say(
        [
          'Bootstrap credential created (shown once; it is stored encrypted):',
          `  apiKey    ${keys.apiKey}`,
          `  apiSecret ${keys.apiSecret}`,
        ].join('\n'),
      )
    }
  }

  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${server.port}`
  logger.info('listening', {
    url,
    runtime: adapter.runtime,
    driver: store.driverName,
    database: config.database,
  })
  say(`Sandbox listening on ${url} (${adapter.runtime}, ${store.driverName}, ${config.database})`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 5000))])
    store.close()
    logger.info('stopped', { signal })
    process.exit(0)
  }
  const onSignal = adapter.onSignal ?? ((signal, handler) => process.on(signal, handler))
  onSignal('SIGINT', () => void stop('SIGINT'))
  onSignal('SIGTERM', () => void stop('SIGTERM'))
}

/** Refuses to start with a key that cannot open this database's secrets. */
async function checkMasterKey(store: CredentialStore, box: SecretBox): Promise<void> {
  const check = store.getSetting(KEY_CHECK)
  if (!check) {
    store.putSetting(KEY_CHECK, await box.seal(KEY_CHECK, KEY_CHECK))
    return
  }
  try {
    await box.open(check, KEY_CHECK)
  } catch {
    throw new Error(
      `The master key does not open ${store.filename}: use the SANDBOX_MASTER_KEY or key file it was created with.`,
    )
  }
}
