// The vocabulary of the breaking-change checker: each kind of change and whether it breaks
// existing consumers. A change is reported at the JSON Pointer where a consumer meets it
// (inside an operation), and with the pointer where it is written (a component), if different.

export type ChangeKind =
  // Operations and statuses
  | 'operation-removed'
  | 'operation-added'
  | 'status-removed'
  | 'status-added'
  | 'media-type-removed'
  | 'media-type-added'
  | 'request-body-required'
  | 'parameter-removed'
  | 'parameter-added'
  | 'required-parameter-added'
  | 'parameter-became-required'
  // Fields
  | 'field-removed'
  | 'field-added'
  | 'required-field-added'
  | 'field-became-required'
  | 'field-became-optional'
  // Values
  | 'type-changed'
  | 'enum-value-removed'
  | 'enum-value-added'
  | 'enum-added'
  | 'enum-dropped'
  | 'variant-removed'
  | 'variant-added'
  | 'constraint-stricter'
  | 'additional-properties-closed'

export interface Change {
  kind: ChangeKind
  breaking: boolean
  /** JSON Pointer, in the new document, of the place a consumer meets the change. */
  pointer: string
  /** Where the changed schema is written, when that is a component rather than `pointer`. */
  definedAt?: string
  message: string
}

export function formatChange(change: Change): string {
  const where = change.definedAt ? ` (defined at ${change.definedAt})` : ''
  return `${change.kind} at ${change.pointer}${where}: ${change.message}`
}
