import type { Pool } from 'pg'
import type { OperationId } from '../../domain/api-types.js'
import type { FaultRule } from '../../domain/faults.js'
import type {
  ActiveFault,
  ClockState,
  ControlSnapshot,
  ControlStateStore,
} from '../../domain/storage.js'
import type { RunStep } from './step.js'

type Row = Record<string, unknown>

/**
 * The control API's clock and fault rules on PostgreSQL: rows every instance reads at the start
 * of every request, so a test that steers one instance steers whichever answers.
 */
export class PostgresControlState implements ControlStateStore {
  constructor(
    private readonly pool: Pool,
    private readonly run: RunStep,
  ) {}

  readControl(): Promise<ControlSnapshot> {
    return this.run(async () => {
      const { rows } = await this.pool.query(
        `SELECT offset_ms, frozen_at_ms,
          EXISTS (SELECT 1 FROM control_faults WHERE remaining > 0) AS faulty
        FROM control_clock`,
      )
      const row = rows[0]
      return {
        clock: {
          offsetMs: Number(row?.offset_ms ?? 0),
          frozenAtMs: row?.frozen_at_ms == null ? null : Number(row.frozen_at_ms),
        },
        faulty: row?.faulty === true,
      }
    })
  }

  setClock(clock: ClockState): Promise<void> {
    return this.run(async () => {
      await this.pool.query('UPDATE control_clock SET offset_ms = $1, frozen_at_ms = $2', [
        clock.offsetMs,
        clock.frozenAtMs,
      ])
    })
  }

  addFault(rule: FaultRule): Promise<ActiveFault> {
    return this.run(async () => {
      const { rows } = await this.pool.query(
        `INSERT INTO control_faults (operation, rule, remaining) VALUES ($1, $2::jsonb, $3)
        RETURNING id, rule, remaining`,
        [rule.operation ?? null, JSON.stringify(rule), rule.times],
      )
      return toFault(rows[0])
    })
  }

  takeFault(operation: OperationId): Promise<ActiveFault | undefined> {
    return this.run(async () => {
      // The oldest matching rule, decremented only while it has applications left: when another
      // instance took its last one in between, the next oldest is tried. So each rule applies
      // exactly `times` times, and in the order the rules were added.
      for (;;) {
        const candidate = await this.pool.query(
          `SELECT id FROM control_faults
          WHERE remaining > 0 AND (operation IS NULL OR operation = $1)
          ORDER BY id LIMIT 1`,
          [operation],
        )
        const id = candidate.rows[0]?.id
        if (id === undefined) return undefined
        const taken = await this.pool.query(
          `UPDATE control_faults SET remaining = remaining - 1
          WHERE id = $1 AND remaining > 0
          RETURNING id, rule, remaining`,
          [id],
        )
        if (taken.rows[0]) return toFault(taken.rows[0])
      }
    })
  }

  listFaults(): Promise<ActiveFault[]> {
    return this.run(async () => {
      const { rows } = await this.pool.query(
        'SELECT id, rule, remaining FROM control_faults WHERE remaining > 0 ORDER BY id',
      )
      return rows.map(toFault)
    })
  }

  clearFaults(): Promise<void> {
    return this.run(async () => {
      await this.pool.query('DELETE FROM control_faults')
    })
  }
}

function toFault(row: Row | undefined): ActiveFault {
  const rule = (row?.rule ?? {}) as FaultRule
  return { id: `fault_${row?.id}`, ...rule, remaining: Number(row?.remaining) }
}
