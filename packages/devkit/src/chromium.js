// @ts-check
// The one description of the browser the tests drive: Debian's Chromium (playwright-core cannot
// download one here), headless, with the flags that keep it off the network.
import { existsSync } from 'node:fs'
import { aptInstall, canInstallPackages } from './apt.js'

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's package. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Launch options for playwright-core's `chromium.launch` / `launchPersistentContext`. */
export const chromiumLaunchOptions = {
  executablePath: chromiumPath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    // Without these, Chromium tries Google's hosts at start and the closed network refuses them.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
}

/**
 * Installs Debian's Chromium when it is missing and this user may; throws saying how otherwise.
 * @returns {Promise<'found' | 'installed'>}
 */
export async function ensureChromiumInstalled() {
  if (existsSync(chromiumPath)) return 'found'
  if (!canInstallPackages()) {
    throw new Error(
      `Chromium is not at ${chromiumPath}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
    )
  }
  await aptInstall(['chromium'])
  if (!existsSync(chromiumPath))
    throw new Error(`apt-get installed chromium, but not at ${chromiumPath}`)
  return 'installed'
}
