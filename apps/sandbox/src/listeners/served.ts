// What a listener serves and what it hands back, shared by the server of each runtime.

/** A web-standard handler, and whether a request must be dropped (closed unanswered). */
export interface Served {
  handle(request: Request): Promise<Response>
  dropped(request: Request): boolean
}

export interface Listener {
  port: number
  /**
   * Stops taking connections and resolves once the requests in flight are answered, or after
   * `graceMs` when some are not, cutting them.
   */
  close(graceMs?: number): Promise<void>
}
