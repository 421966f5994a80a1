import type { AccountNumber, ReplayLedgerStore, ReplayVerdict } from '../domain/storage.js'

/** How many signatures the ledger holds unless SANDBOX_REPLAY_CAPACITY says otherwise. */
export const DEFAULT_REPLAY_CAPACITY = 262_144
/**
 * How many of them one account may hold unless SANDBOX_REPLAY_CAPACITY_PER_ACCOUNT says
 * otherwise: a sixteenth of the default whole, so that a busy account (about 18 signed requests a
 * second, sustained over the replay window) leaves the rest to the others.
 */
export const DEFAULT_REPLAY_CAPACITY_PER_ACCOUNT = 16_384

export interface ReplayCapacity {
  /** Signatures held at most across all accounts: what bounds the process's memory. */
  total: number
  /** Signatures one account holds at most (at most `total`). */
  perAccount: number
}

/** The ledger's sizes as the settings give them (replayCapacity, replayCapacityPerAccount). */
export interface ReplayOptions {
  replayCapacity?: number
  replayCapacityPerAccount?: number
}

/** The sizes `options` give, defaults filled in; an account's share is never above the whole. */
export function replayCapacity(options: ReplayOptions): ReplayCapacity {
  const total = options.replayCapacity ?? DEFAULT_REPLAY_CAPACITY
  const perAccount = options.replayCapacityPerAccount ?? DEFAULT_REPLAY_CAPACITY_PER_ACCOUNT
  return { total, perAccount: Math.min(perAccount, total) }
}

/** The signatures of one account, each with the time it expires. */
interface Share {
  expiries: Map<string, number>
  /** No record of the share expires before this; a full share is not swept again until then. */
  earliestExpiry: number
}

/**
 * The replay ledger of a store that one process owns (SQLite), kept in memory: a restart
 * forgets it, as it forgets nothing else that matters, since a signature is only ever live for
 * the replay window. Remembers each accepted signature until it expires: its date plus the
 * replay window, after which the skew check refuses that date anyway.
 *
 * Memory is bounded twice: each account holds at most `perAccount` signatures, and all accounts
 * together at most `total`. A signature that could not be recorded could be replayed unnoticed,
 * so when there is no room a new one is refused ('full', with how long until the oldest record
 * in the way expires) instead of accepted, and nothing live is forgotten. A busy account fills
 * only its own share: the others keep theirs.
 */
export class ReplayLedger implements ReplayLedgerStore {
  private readonly shares = new Map<AccountNumber, Share>()
  private held = 0
  /** No record of any account expires before this; a full ledger is not swept until then. */
  private earliestExpiry = Number.POSITIVE_INFINITY

  constructor(readonly capacity: ReplayCapacity) {}

  /** Signatures held, expired ones included until the next sweep. */
  get size(): number {
    return this.held
  }

  async recordSignature(
    account: AccountNumber,
    apiKey: string,
    signature: string,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<ReplayVerdict> {
    return this.check(account, `${apiKey} ${signature}`, expiresAtMs, nowMs)
  }

  /**
   * Records `signature` (already verified) of `account` unless it is a replay. Times in ms since
   * the epoch.
   */
  check(
    account: AccountNumber,
    signature: string,
    expiresAtMs: number,
    nowMs: number,
  ): ReplayVerdict {
    let share = this.shares.get(account)
    const known = share?.expiries.get(signature)
    if (known !== undefined && known > nowMs) return 'duplicate'
    // An expired record of the same signature is taken over in place: it needs no new room.
    if (known === undefined) {
      if (share && share.expiries.size >= this.capacity.perAccount) {
        if (nowMs >= share.earliestExpiry) this.sweepShare(share, nowMs)
        if (share.expiries.size >= this.capacity.perAccount) {
          return { full: 'account', retryAfterMs: share.earliestExpiry - nowMs }
        }
      }
      if (this.held >= this.capacity.total) {
        if (nowMs >= this.earliestExpiry) this.sweepAll(nowMs)
        if (this.held >= this.capacity.total) {
          return { full: 'sandbox', retryAfterMs: this.earliestExpiry - nowMs }
        }
      }
      // A sweep may have dropped the account's emptied share.
      share = this.shares.get(account)
      if (!share) {
        share = { expiries: new Map(), earliestExpiry: Number.POSITIVE_INFINITY }
        this.shares.set(account, share)
      }
      this.held++
    }
    share = share as Share
    share.expiries.set(signature, expiresAtMs)
    share.earliestExpiry = Math.min(share.earliestExpiry, expiresAtMs)
    this.earliestExpiry = Math.min(this.earliestExpiry, expiresAtMs)
    return 'fresh'
  }

  clear(): void {
    this.shares.clear()
    this.held = 0
    this.earliestExpiry = Number.POSITIVE_INFINITY
  }

  /** Forgets the share's expired records. */
  private sweepShare(share: Share, nowMs: number): void {
    share.earliestExpiry = Number.POSITIVE_INFINITY
    for (const [signature, expiry] of share.expiries) {
      if (expiry <= nowMs) {
        share.expiries.delete(signature)
        this.held--
      } else share.earliestExpiry = Math.min(share.earliestExpiry, expiry)
    }
  }

  /** Forgets every expired record, and the shares left empty. */
  private sweepAll(nowMs: number): void {
    this.earliestExpiry = Number.POSITIVE_INFINITY
    for (const [account, share] of this.shares) {
      if (nowMs >= share.earliestExpiry) this.sweepShare(share, nowMs)
      if (share.expiries.size === 0) this.shares.delete(account)
      else this.earliestExpiry = Math.min(this.earliestExpiry, share.earliestExpiry)
    }
  }
}
