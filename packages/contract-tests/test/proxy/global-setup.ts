// Starts the sandbox and, in front of it, `prism proxy --errors` on the bundled spec, so that
// every request and response of the `proxy` project is validated by Prism on the way through.
import type { TestProject } from 'vitest/node'
import { startPrismProxy } from '../../src/servers/prism-proxy.js'
import { type SandboxTarget, startSandbox } from '../../src/servers/sandbox.js'

declare module 'vitest' {
  export interface ProvidedContext {
    proxied: SandboxTarget & { sandboxUrl: string }
  }
}

export default async function setup(project: TestProject) {
  const sandbox = await startSandbox()
  let proxy: Awaited<ReturnType<typeof startPrismProxy>>
  try {
    proxy = await startPrismProxy(sandbox.baseUrl)
  } catch (error) {
    await sandbox.stop()
    throw error
  }
  const { stop: _stop, baseUrl: sandboxUrl, ...credential } = sandbox
  project.provide('proxied', { ...credential, baseUrl: proxy.baseUrl, sandboxUrl })
  return async () => {
    await proxy.stop()
    await sandbox.stop()
  }
}
