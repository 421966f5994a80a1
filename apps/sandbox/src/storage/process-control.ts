import type { OperationId } from '../api-types.js'
import type { FaultRule } from '../control/control-types.js'
import { FaultRules } from './fault-rules.js'
import { type ActiveFault, type ClockState, type ControlSnapshot, REAL_TIME } from './storage.js'

/**
 * The control API's clock and fault rules held in this process's memory: the SQLite store's,
 * whose file one process owns, so this process is the only one they could steer. A restart
 * forgets them, and a reset puts them back to normal.
 */
export class ProcessControl {
  private clock: ClockState = REAL_TIME
  private readonly faults = new FaultRules()

  snapshot(): ControlSnapshot {
    return { clock: this.clock, faulty: this.faults.any }
  }

  setClock(clock: ClockState): void {
    this.clock = { ...clock }
  }

  addFault(rule: FaultRule): ActiveFault {
    return this.faults.add(rule)
  }

  takeFault(operation: OperationId): ActiveFault | undefined {
    return this.faults.take(operation)
  }

  listFaults(): ActiveFault[] {
    return this.faults.list()
  }

  clearFaults(): void {
    this.faults.clear()
  }

  reset(): void {
    this.clock = REAL_TIME
    this.faults.clear()
  }
}
