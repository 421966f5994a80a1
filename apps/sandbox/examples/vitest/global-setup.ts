import { startSandbox } from '@solapi/credentials-sandbox'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    sandbox: { url: string; apiKey: string; apiSecret: string; controlToken: string }
  }
}

// One sandbox for the whole run: a free port, an in-memory database, random credentials.
export default async function setup(project: TestProject) {
  const { url, apiKey, apiSecret, controlToken, close } = await startSandbox()
  project.provide('sandbox', { url, apiKey, apiSecret, controlToken })
  return close
}
