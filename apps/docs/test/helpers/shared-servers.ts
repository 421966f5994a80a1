// The run's shared Chromium and mock (test/setup/shared-servers.ts starts them).
import { type Browser, chromium } from 'playwright-core'
import { inject } from 'vitest'

/** This file's connection to the run's Chromium; `close()` ends only what the file made. */
export function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject('chromiumEndpoint'))
}

/** The run's mock (Prism keeps no state, so the files share it). */
export const sharedMock = (): { url: string } => ({ url: inject('mockUrl') })
