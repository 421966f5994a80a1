import type { OperationId } from '../domain/api-types.js'
import type { FaultRule } from '../domain/faults.js'
import {
  type ActiveFault,
  type ClockState,
  type ControlSnapshot,
  type ControlStateStore,
  REAL_TIME,
} from '../domain/storage.js'

/**
 * The control API's clock and fault rules held in this process's memory: the SQLite store's,
 * whose file one process owns, so this process is the only one they could steer. A restart
 * forgets them, and a reset puts them back to normal. Fault rules are kept in the order they
 * were added; each request that passed authentication uses up one application of the first rule
 * that matches its operation.
 */
export class ProcessControl implements ControlStateStore {
  private clock: ClockState = REAL_TIME
  private faults: ActiveFault[] = []
  private faultsAdded = 0

  async readControl(): Promise<ControlSnapshot> {
    return { clock: this.clock, faulty: this.faults.length > 0 }
  }

  async setClock(clock: ClockState): Promise<void> {
    this.clock = { ...clock }
  }

  async addFault(rule: FaultRule): Promise<ActiveFault> {
    this.faultsAdded += 1
    const fault: ActiveFault = { id: `fault_${this.faultsAdded}`, ...rule, remaining: rule.times }
    this.faults.push(fault)
    return { ...fault }
  }

  /** The rule that applies to this request, with what remains of it; undefined when none. */
  async takeFault(operation: OperationId): Promise<ActiveFault | undefined> {
    const rule = this.faults.find((r) => r.operation === undefined || r.operation === operation)
    if (!rule) return undefined
    rule.remaining -= 1
    if (rule.remaining === 0) this.faults = this.faults.filter((r) => r !== rule)
    return { ...rule }
  }

  async listFaults(): Promise<ActiveFault[]> {
    return this.faults.map((rule) => ({ ...rule }))
  }

  async clearFaults(): Promise<void> {
    this.faults = []
  }

  /** The clock back to the real time and no rule left, at once (a reset is one step). */
  reset(): void {
    this.clock = REAL_TIME
    this.faults = []
  }
}
