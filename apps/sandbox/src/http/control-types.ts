// The control API's types, from the types the spec package generates from its document.
import type { SandboxControlApi } from '@solapi/credentials-spec'

type components = SandboxControlApi.components
type operations = SandboxControlApi.operations
type paths = SandboxControlApi.paths

export type {
  components as ControlComponents,
  operations as ControlOperations,
  paths as ControlPaths,
}

type Schemas = components['schemas']

export type AccountId = Schemas['AccountId']
export type NewAccount = Schemas['NewAccount']
export type Account = Schemas['Account']
export type FixtureCredential = Schemas['FixtureCredential']
export type SeededCredential = Schemas['SeededCredential']
export type ClockSetting = Schemas['ClockSetting']
export type Clock = Schemas['Clock']
export type FaultRule = Schemas['FaultRule']
export type Fault = Schemas['Fault']
export type JournalEntry = Schemas['JournalEntry']
export type ControlError = Schemas['ControlError']
export type ControlOperationId = keyof operations
