// @ts-check
// The one description of the browser the tests drive: Debian's Chromium (playwright-core cannot
// download one here), headless, with the flags that keep it off the network.

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
