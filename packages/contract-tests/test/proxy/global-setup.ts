// Starts the sandbox and, in front of it, `prism proxy --errors` on the bundled spec (both
// through the devkit), so that every request and response of the `proxy` project is validated
// by Prism on the way through.
import { type RunningServer, startPrism, startSandboxProcess } from '@solapi/devkit'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    proxied: { baseUrl: string; sandboxUrl: string; apiKey: string; apiSecret: string }
  }
}

export default async function setup(project: TestProject) {
  const sandbox = await startSandboxProcess({ env: { LOG_LEVEL: 'silent' } })
  let proxy: RunningServer
  try {
    proxy = await startPrism({ mode: 'proxy', upstream: sandbox.url, errors: true })
  } catch (error) {
    await sandbox.stop()
    throw error
  }
  project.provide('proxied', {
    baseUrl: proxy.url,
    sandboxUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    apiSecret: sandbox.apiSecret,
  })
  return async () => {
    await proxy.stop()
    await sandbox.stop()
  }
}
