/**
 * The database does not answer (refused, closed, shutting down, out of connections). Requests
 * that meet it get `503 ServiceUnavailable`, never a `500`: the store reconnects by itself once
 * the database is back, and a change that was cut off was rolled back whole.
 */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError'

  constructor(
    /** Where, without credentials: `host:port`. */
    readonly where: string,
    /** What the driver said went wrong: an error code, never a query or its parameters. */
    readonly reason: string,
  ) {
    super(`The database at ${where} is unavailable (${reason}).`)
  }
}
