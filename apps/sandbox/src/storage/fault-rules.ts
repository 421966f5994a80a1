import type { OperationId } from '../api-types.js'
import type { FaultRule } from '../control/control-types.js'
import type { ActiveFault } from './storage.js'

/**
 * Fault rules kept in this process's memory, in the order they were added: the SQLite store's,
 * since one process owns its file. Each request that passed authentication uses up one
 * application of the first rule that matches its operation.
 */
export class FaultRules {
  private rules: ActiveFault[] = []
  private added = 0

  add(rule: FaultRule): ActiveFault {
    this.added += 1
    const fault: ActiveFault = { id: `fault_${this.added}`, ...rule, remaining: rule.times }
    this.rules.push(fault)
    return { ...fault }
  }

  /** Whether any rule still applies. */
  get any(): boolean {
    return this.rules.length > 0
  }

  /** The rule that applies to this request, with what remains of it; undefined when none. */
  take(operation: OperationId): ActiveFault | undefined {
    const rule = this.rules.find((r) => r.operation === undefined || r.operation === operation)
    if (!rule) return undefined
    rule.remaining -= 1
    if (rule.remaining === 0) this.rules = this.rules.filter((r) => r !== rule)
    return { ...rule }
  }

  list(): ActiveFault[] {
    return this.rules.map((rule) => ({ ...rule }))
  }

  clear(): void {
    this.rules = []
  }
}
