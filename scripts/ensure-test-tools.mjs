#!/usr/bin/env node
// The browser tests drive Debian's Chromium (playwright-core cannot download a browser here):
// the devkit installs it when it is missing and this user may, or says how.
import { chromiumPath, ensureChromiumInstalled } from '@solapi/devkit/chromium'

try {
  const outcome = await ensureChromiumInstalled()
  console.log(`Chromium ${outcome} at ${chromiumPath}.`)
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
