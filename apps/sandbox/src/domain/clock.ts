import { type ClockState, REAL_TIME } from './storage.js'

/** What the clock shows: now (ISO 8601), its distance from the real time, whether it stands still. */
export interface ClockReading {
  now: string
  offsetMs: number
  frozen: boolean
}

/**
 * The sandbox's idea of now: the real time, moved by an offset or frozen at an instant. It drives
 * the signature-date skew check, `dateCreated`, the `Date` header and the request journal. Its
 * setting is kept by the store (shared by every instance on PostgreSQL); this is the copy read
 * at the start of each request, so that `now()` stays synchronous.
 */
export class SandboxClock {
  private setting: ClockState = REAL_TIME

  constructor(private readonly realNow: () => number = Date.now) {}

  readonly now = (): number => this.setting.frozenAtMs ?? this.realNow() + this.setting.offsetMs

  /** Takes the setting the store holds. */
  adopt(setting: ClockState): void {
    this.setting = setting
  }

  state(): ClockReading {
    const now = this.now()
    return {
      now: new Date(now).toISOString(),
      offsetMs: now - this.realNow(),
      frozen: this.setting.frozenAtMs !== null,
    }
  }
}
