// Type-checked by the package test in the folder where the packed tarball is installed: what a
// TypeScript consumer sees of the package's declarations. Never run.
import {
  createControlClient,
  createSandbox,
  type FaultRule,
  type JournalEntry,
  type RunningSandbox,
  SandboxControlError,
  startSandbox,
} from '@solapi/credentials-sandbox'

const sandbox: RunningSandbox = await startSandbox({ port: 0, logLevel: 'silent' })
const rule: FaultRule = { operation: 'getCredentialList', times: 1, status: 503, retryAfter: 1 }
await sandbox.control.addFault(rule)
const entries: JournalEntry[] = await sandbox.control.listRequests({ limit: 5 })
const offset: number = (await sandbox.control.setClock({ offsetMs: 1_200_000 })).offsetMs
// @ts-expect-error not an operation of the Credentials API
await sandbox.control.addFault({ operation: 'dropCredential', times: 1, status: 503 })
// @ts-expect-error a status no fault may answer with
await sandbox.control.addFault({ times: 1, status: 404 })
// @ts-expect-error an unknown option
await startSandbox({ prot: 4011 })

const handler = await createSandbox()
const response: Response = await handler.fetch(new Request('http://sandbox.invalid/'))
const control = createControlClient({ baseUrl: sandbox.url, controlToken: sandbox.controlToken })
const error = new SandboxControlError('resetSandbox', 401, { errorCode: 'InvalidControlToken' })

export { control, entries, error, offset, response }
