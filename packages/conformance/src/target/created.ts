// The credentials a run created, so that it can delete every one of them at the end, whether
// the run passed, failed or was stopped.

export class CreatedCredentials {
  readonly #pending = new Set<string>()
  #total = 0

  register(apiKey: string): void {
    if (!this.#pending.has(apiKey)) this.#total++
    this.#pending.add(apiKey)
  }

  /** Forgets a key once the server confirmed it is gone (deleted, or 404). */
  gone(apiKey: string): void {
    this.#pending.delete(apiKey)
  }

  pending(): string[] {
    return [...this.#pending]
  }

  get total(): number {
    return this.#total
  }
}
