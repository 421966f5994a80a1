// One Chromium and one mock for the whole docs run, started before the first file. A Chromium
// launch costs about 2.5 CPU-s and a Prism start about 3, and the browser files each used to
// start their own; every file still gets its own browser contexts (connecting gives a file
// a fresh view of the browser, and closing that view closes only the contexts it made). Prism is
// stateless, so files may share it. Servers with state (the sandbox, the docs server) stay per
// file.
import { startMock } from '@solapi/devkit'
import { chromiumLaunchOptions } from '@solapi/devkit/chromium'
import { chromium } from 'playwright-core'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** playwright-core's endpoint of the run's Chromium: `chromium.connect(it)`. */
    chromiumEndpoint: string
    /** The base URL of the run's mock (Prism behind its guard). */
    mockUrl: string
  }
}

export default async function setup(project: TestProject) {
  const [browserServer, mock] = await Promise.all([
    chromium.launchServer(chromiumLaunchOptions),
    startMock(),
  ])
  project.provide('chromiumEndpoint', browserServer.wsEndpoint())
  project.provide('mockUrl', mock.url)
  return async () => {
    await Promise.all([browserServer.close(), mock.stop()])
  }
}
