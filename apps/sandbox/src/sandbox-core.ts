// One sandbox, assembled: its store, its secrets' key, the service, the Credentials API and the
// control API, and the clock, fault rules and journal they share. createSandbox, startSandbox and
// the bin are thin layers over it.

import { loadMasterKey, type MasterKeySource } from './crypto/master-key.js'
import { SecretBox } from './crypto/secret-box.js'
import { createAuthenticator } from './domain/auth/authenticator.js'
import { PreviousSecrets, rememberingPreviousSecrets } from './domain/auth/previous-secrets.js'
import { siblingSecrets } from './domain/auth/sibling-secrets.js'
import { createSignatureDoctor } from './domain/auth/signature-doctor.js'
import { Bootstrap, type BootstrapOrigin } from './domain/bootstrap.js'
import { SandboxClock } from './domain/clock.js'
import { generateControlToken } from './domain/control-token.js'
import {
  CredentialsService,
  DEFAULT_MAX_CREDENTIALS_PER_ACCOUNT,
  type Keys,
} from './domain/credentials-service.js'
import { createHandlers } from './domain/handlers.js'
import { Journal } from './domain/journal.js'
import { createLogger } from './domain/logger.js'
import { type CredentialStore, REAL_TIME, type Stores } from './domain/storage.js'
import { createApp } from './http/app.js'
import { createControlApi } from './http/control-api.js'
import { DEFAULT_CORS_ORIGINS } from './http/cors.js'
import { readControlState } from './http/read-control-state.js'
import { openStorage } from './open-storage.js'
import { checkOptions, type SandboxOptions, type SettingNames } from './settings.js'

export interface SandboxCore {
  /** The whole sandbox as a web-standard handler (see `dropped`). */
  handle(request: Request): Promise<Response>
  /** Whether a fault dropped this request: its listener must close the connection unanswered. */
  dropped(request: Request): boolean
  controlToken: string
  storage: { driver: string; location: string }
  /** The schema versions this start applied (none when another start already had). */
  migrated: number[]
  masterKey: { source: MasterKeySource; file?: string }
  /** Creates the bootstrap in an empty database (once a listener is up, for the bin). */
  bootstrap(): Promise<{ keys: Keys; created: boolean; origin: BootstrapOrigin }>
  close(): Promise<void>
}

const KEY_CHECK = 'master-key-check'

/**
 * Opens a sandbox. `names` are what the caller calls its settings, for error messages. A store
 * can be handed in (tests read it directly); otherwise the one `database` names: PostgreSQL for a
 * `postgres://` URL, else SQLite.
 */
export async function openSandbox(
  options: SandboxOptions & { port?: number; storage?: Stores; now?: () => number },
  names?: SettingNames,
): Promise<SandboxCore> {
  checkOptions(options, names)
  const database = options.database ?? ':memory:'
  const { storage, migrated } = options.storage
    ? { storage: options.storage, migrated: [] }
    : await openStorage(database, {
        ...(options.replayCapacity ? { replayCapacity: options.replayCapacity } : {}),
        ...(options.replayCapacityPerAccount
          ? { replayCapacityPerAccount: options.replayCapacityPerAccount }
          : {}),
      })
  let box: SecretBox
  let master: ReturnType<typeof loadMasterKey>
  try {
    master = loadMasterKey(
      storage.shared ? undefined : storage.location,
      options.masterKey === undefined
        ? undefined
        : { value: options.masterKey, name: names?.masterKey ?? 'masterKey' },
    )
    box = await SecretBox.fromRawKey(master.key)
    // A database in memory dies with this process: no other key can ever meet its rows, so
    // there is nothing to check (and a start the less to pay for it).
    if (storage.location !== ':memory:') {
      await storage.exclusive(() =>
        checkMasterKey(
          storage.credentials,
          storage.location,
          box,
          storage.shared ? (names?.masterKey ?? 'masterKey') : undefined,
        ),
      )
    }
  } catch (error) {
    await storage.close()
    throw error
  }

  const clock = new SandboxClock(options.now)
  const credentials = new CredentialsService(storage, box, {
    now: clock.now,
    maxPerAccount: options.maxCredentialsPerAccount ?? DEFAULT_MAX_CREDENTIALS_PER_ACCOUNT,
  })
  const journal = new Journal()
  const dropped = new WeakSet<Request>()
  const configured =
    options.apiKey && options.apiSecret
      ? { apiKey: options.apiKey, apiSecret: options.apiSecret }
      : undefined
  const bootstrap = new Bootstrap(storage.credentials, box, credentials, configured)
  const controlToken = options.controlToken ?? generateControlToken()

  const controlState = readControlState({
    async refresh() {
      const { clock: setting, faulty } = await storage.controlState.readControl()
      clock.adopt(setting)
      return { faulty }
    },
    now: clock.now,
  })

  // On by default: a refused signature is explained by the mistake it matches.
  const previousSecrets =
    options.signatureDoctor === false ? undefined : new PreviousSecrets(box, clock.now)
  const doctor = previousSecrets
    ? createSignatureDoctor({
        previous: previousSecrets,
        siblings: siblingSecrets(storage.credentials, box),
      })
    : undefined
  const handlers = createHandlers(credentials)

  const app = createApp({
    authenticate: createAuthenticator({
      credentials,
      replay: storage.replayLedger,
      now: clock.now,
      doctor,
    }),
    handlers: previousSecrets
      ? rememberingPreviousSecrets(handlers, credentials, previousSecrets)
      : handlers,
    faults: storage.controlState,
    controlState,
    storage,
    dropped,
    journal,
    now: clock.now,
    logger: createLogger(options.logLevel ?? 'error', options.log),
    cors: {
      api: options.corsOrigins ?? DEFAULT_CORS_ORIGINS,
      control: options.controlCorsOrigins ?? [],
    },
    control:
      options.control !== false
        ? createControlApi({
            token: controlToken,
            credentials,
            clock,
            store: storage.controlState,
            journal,
            controlState,
            async reset() {
              // The store puts the clock, the faults and the replay ledger back with the accounts;
              // the journal is this process's own.
              await bootstrap.restore()
              journal.clear()
              previousSecrets?.clear()
              clock.adopt(REAL_TIME)
            },
          })
        : undefined,
  })

  return {
    handle: async (request) => app.fetch(request),
    dropped: (request) => dropped.has(request),
    controlToken,
    storage: { driver: storage.driver, location: storage.location },
    migrated,
    masterKey: { source: master.source, ...(master.file ? { file: master.file } : {}) },
    // Instances that start together on one database make one bootstrap credential, not two.
    bootstrap: () => storage.exclusive(() => bootstrap.ensure()),
    close: () => storage.close(),
  }
}

/**
 * Refuses to start with a key that cannot open this database's secrets. `givenAs` names where a
 * shared database's key comes from (it has no key file).
 */
async function checkMasterKey(
  settings: Pick<CredentialStore, 'getSetting' | 'putSetting'>,
  location: string,
  box: SecretBox,
  givenAs?: string,
): Promise<void> {
  const check = await settings.getSetting(KEY_CHECK)
  if (!check) {
    await settings.putSetting(KEY_CHECK, await box.seal(KEY_CHECK, KEY_CHECK))
    return
  }
  try {
    await box.open(check, KEY_CHECK)
  } catch {
    throw new Error(
      givenAs
        ? `The master key does not open ${location}: use the ${givenAs} it was created with.`
        : `The master key does not open ${location}: use the SANDBOX_MASTER_KEY or key file it was created with.`,
    )
  }
}
