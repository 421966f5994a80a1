import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createCredentialsClient } from '@solapi/credentials-client'
import { runProcess, startSandboxProcess } from '@solapi/devkit'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { appDir } from '../helpers/app.ts'

// The guide's TypeScript blocks make one program. The test runs it against a real sandbox whose
// test credential is the "old key", and checks the account between the steps.
const guide = readFileSync(join(appDir, 'guides/rotate-key.md'), 'utf8')
const blocks = [...guide.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '')

const root = join(appDir, 'test-output')
mkdirSync(root, { recursive: true })
const dir = mkdtempSync(join(root, 'guide-'))

let sandbox: Awaited<ReturnType<typeof startSandboxProcess>>

beforeAll(async () => {
  sandbox = await startSandboxProcess()
})

afterAll(async () => {
  await sandbox?.stop()
})

describe('guide: Rotate a key without downtime', () => {
  it('has a TypeScript block for each step that calls the API: create, confirm, deactivate, delete', () => {
    expect(blocks).toHaveLength(4)
    expect(blocks[0]).toContain('.createCredential(')
    expect(blocks[1]).toContain('.getCredentialInfo(newKey.apiKey)')
    expect(blocks[2]).toContain(".updateCredentialStatus(oldKey.apiKey, 'inactive')")
    expect(blocks[3]).toContain('.deleteCredential(oldKey.apiKey)')
  })

  it('type-checks against @solapi/credentials-client (tsc)', async () => {
    writeFileSync(join(dir, 'rotate-key.ts'), blocks.join('\n'))
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: '../../tsconfig.json', include: ['rotate-key.ts'] }),
    )
    const result = await runProcess(join(appDir, 'node_modules/.bin/tsc'), ['-p', dir], {
      cwd: appDir,
    })
    expect(result.stdout + result.stderr).toBe('')
    expect(result.code).toBe(0)
  })

  it('runs against the sandbox: the new key signs, the old one is refused, then deleted', async () => {
    const old = { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret }
    const baseUrl = sandbox.url
    const oldClient = createCredentialsClient({ ...old, baseUrl, retry: false })
    let newKey = { apiKey: '', apiSecret: '' }
    const newClient = () => createCredentialsClient({ ...newKey, baseUrl, retry: false })
    const checks: Record<number, () => Promise<void>> = {
      // 1. Two active keys; the new one is the other.
      0: async () => {
        const { credentials } = await oldClient.getCredentialList()
        expect(Object.keys(credentials)).toHaveLength(2)
        const [apiKey, entry] =
          Object.entries(credentials).find(([key]) => key !== old.apiKey) ?? []
        expect(entry?.credentialStatus).toBe('active')
        newKey = { apiKey: apiKey ?? '', apiSecret: entry?.apiSecret ?? '' }
      },
      // 3. Confirming changed nothing: both keys still sign.
      1: async () => {
        await expect(oldClient.getCredentialList()).resolves.toBeDefined()
        await expect(newClient().getCredentialList()).resolves.toBeDefined()
      },
      // 4. The old key is refused; the new one works and sees it inactive.
      2: async () => {
        await expect(oldClient.getCredentialList()).rejects.toMatchObject({
          status: 403,
          code: 'InvalidAPIKey',
        })
        const info = await newClient().getCredentialInfo(old.apiKey)
        expect(info.credentialStatus).toBe('inactive')
      },
      // 5. The old key is gone; the new one is the account's only key.
      3: async () => {
        await expect(newClient().getCredentialInfo(old.apiKey)).rejects.toMatchObject({
          status: 404,
        })
        await expect(oldClient.getCredentialList()).rejects.toMatchObject({ status: 403 })
        const { credentials } = await newClient().getCredentialList()
        expect(Object.keys(credentials)).toEqual([newKey.apiKey])
      },
    }
    const passed: number[] = []
    Object.assign(globalThis, {
      guideCheckpoint: async (step: number) => {
        await checks[step]?.()
        passed.push(step)
      },
    })
    const program = blocks
      .map((block, step) => `${block}\nawait (globalThis as any).guideCheckpoint(${step})\n`)
      .join('\n')
    const file = join(dir, 'rotate-key.run.ts')
    writeFileSync(file, program)

    const env = {
      SOLAPI_BASE_URL: baseUrl,
      SOLAPI_API_KEY: old.apiKey,
      SOLAPI_API_SECRET: old.apiSecret,
    }
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]))
    Object.assign(process.env, env)
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    let printed: string[] = []
    try {
      await import(pathToFileURL(file).href)
    } finally {
      printed = log.mock.calls.map((args) => args.join(' '))
      log.mockRestore()
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
    expect(passed).toEqual([0, 1, 2, 3])
    expect(printed).toEqual([
      `Created ${newKey.apiKey}`,
      `${newKey.apiKey} signs requests`,
      `${old.apiKey} is inactive`,
      `${old.apiKey} is deleted`,
    ])
    for (const line of printed) {
      expect(line).not.toContain(old.apiSecret)
      expect(line).not.toContain(newKey.apiSecret)
    }
  })
})
