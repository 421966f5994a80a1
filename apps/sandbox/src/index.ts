// @solapi/credentials-sandbox: the SOLAPI Credentials API implemented for real, for test suites.
// Start it from code (startSandbox: a port; createSandbox: a fetch handler and no port) or as the
// bin `solapi-credentials-sandbox`, and steer it through its control API.

export {
  createControlClient,
  type SandboxControl,
  SandboxControlError,
} from './control-client.js'
export { createSandbox, type Sandbox } from './create-sandbox.js'
export type { LogLevel } from './domain/logger.js'
export type {
  Account,
  AccountId,
  Clock,
  ClockSetting,
  ControlComponents,
  ControlError,
  ControlOperations,
  ControlPaths,
  Fault,
  FaultRule,
  FixtureCredential,
  JournalEntry,
  NewAccount,
  SeededCredential,
} from './http/control-types.js'
export type { ListenOptions, SandboxOptions } from './settings.js'
export { type RunningSandbox, startSandbox } from './start-sandbox.js'
