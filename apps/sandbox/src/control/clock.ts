import type { Clock, ClockSetting } from './control-types.js'

/**
 * The sandbox's idea of now: the real time, moved by an offset or frozen at an instant. It drives
 * the signature-date skew check, `dateCreated`, the `Date` header and the request journal. It is
 * this process's own: two sandboxes have two clocks.
 */
export class SandboxClock {
  private offsetMs = 0
  private frozenAt: number | undefined

  constructor(private readonly realNow: () => number = Date.now) {}

  readonly now = (): number => this.frozenAt ?? this.realNow() + this.offsetMs

  set(setting: ClockSetting): void {
    if ('frozenAt' in setting) {
      this.frozenAt = Date.parse(setting.frozenAt)
      this.offsetMs = 0
    } else {
      this.frozenAt = undefined
      this.offsetMs = setting.offsetMs
    }
  }

  restore(): void {
    this.frozenAt = undefined
    this.offsetMs = 0
  }

  state(): Clock {
    const now = this.now()
    return {
      now: new Date(now).toISOString(),
      offsetMs: now - this.realNow(),
      frozen: this.frozenAt !== undefined,
    }
  }
}
