#!/usr/bin/env node
// The browser tests drive Debian's Chromium (playwright-core cannot download a browser here).
// Installs it when it is missing and this user may (root with apt-get); otherwise says how.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromiumPath as chromium } from '@solapi/devkit/chromium'

if (existsSync(chromium)) {
  console.log(`Chromium found at ${chromium}.`)
} else if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log('Chromium is missing; installing Debian package chromium for the browser tests.')
  const apt = (args) =>
    execFileSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  apt(['update', '-qq'])
  apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium'])
} else {
  console.error(
    `Chromium is not at ${chromium}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
  )
  process.exit(1)
}
