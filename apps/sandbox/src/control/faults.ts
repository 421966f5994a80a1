import type { OperationId } from '../api-types.js'
import type { Fault, FaultRule } from './control-types.js'

/** A rule as added (its status one of the spec's), with its id and what remains of it. */
export type ActiveFault = FaultRule & Fault

/**
 * The fault rules set through the control API, in the order they were added. Each request that
 * passed authentication uses up one application of the first rule that matches its operation.
 * They are this process's own, like the clock.
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
