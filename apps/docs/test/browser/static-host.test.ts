import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { startSandboxProcess } from '@solapi/devkit'
import type { Browser, Page, Request } from 'playwright-core'
import sirv from 'sirv'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appDir } from '../helpers/app.ts'
import { connectBrowser, newPage } from '../helpers/shared-servers.ts'
import { operations, spec } from '../helpers/spec.ts'

// The page `pnpm build` writes (what the docs workflow deploys to GitHub Pages), served as any
// static host serves it: a plain file server on one port, no proxy, no config filled in. Its
// console calls the sandbox, started on another port with its default settings, directly
// (cross-origin), and says which it is when no answer comes back.
const distDir = join(appDir, 'dist')
const list = operations.find((op) => op.operationId === 'getCredentialList')
if (!list) throw new Error('the spec has no getCredentialList')

type Sandbox = Awaited<ReturnType<typeof startSandboxProcess>>

/** A static file server for dist/ on a free port: what GitHub Pages does, and nothing more. */
async function startStaticHost(root: string) {
  const assets = sirv(root, { dev: false, etag: true })
  const server = http.createServer((request, response) =>
    assets(request, response, () => {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n')
    }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

let browser: Browser
let sandbox: Sandbox
let host: Awaited<ReturnType<typeof startStaticHost>>
let page: Page
const requests: Request[] = []
/** The answers the page got from the sandbox, by request, with their bodies read. */
const answers: { status: number; body: string }[] = []

beforeAll(async () => {
  ;[sandbox, browser, host] = await Promise.all([
    startSandboxProcess(),
    connectBrowser(),
    startStaticHost(distDir),
  ])
  page = await newPage(browser, { viewport: { width: 1400, height: 1000 } })
  page.on('request', (request) => requests.push(request))
  page.on('response', async (response) => {
    if (response.request().method() !== 'POST') return
    answers.push({ status: response.status(), body: await response.text().catch(() => '') })
  })
  await page.goto(`${host.url}/`, { waitUntil: 'networkidle' })
})

afterAll(async () => {
  await browser?.close()
  await Promise.all([sandbox?.stop(), host?.close()])
})

/** The console of getCredentialList, once Redoc has rendered its section. */
async function listForm() {
  await page.evaluate((id) => {
    location.hash = `#/credentials/${id.toLowerCase()}`
  }, list?.operationId ?? '')
  const form = page.getByRole('form', { name: `Try it: ${list?.summary}` })
  await form.waitFor()
  return form
}

const field = (form: Awaited<ReturnType<typeof listForm>>, name: string) =>
  form.getByLabel(name, { exact: true })

async function send(form: Awaited<ReturnType<typeof listForm>>) {
  await form.getByRole('button', { name: 'Send' }).click()
}

/** Chooses "another server" and types its URL and the credential. */
async function useServer(url: string, apiKey: string, apiSecret: string) {
  const form = await listForm()
  await field(form, 'Server').selectOption('custom')
  await field(form, 'Server URL').fill(url)
  await field(form, 'API key').fill(apiKey)
  await field(form, 'API secret').fill(apiSecret)
  return form
}

const statusOf = (form: Awaited<ReturnType<typeof listForm>>) =>
  form.locator('.solapi-try__status').textContent()

const alertOf = (form: Awaited<ReturnType<typeof listForm>>) =>
  form.getByRole('alert').textContent()

describe('the built page on a plain static host', () => {
  it("offers the spec's servers and a URL to type, and has no proxy to go through", async () => {
    const form = await listForm()
    const options = await field(form, 'Server')
      .locator('option')
      .evaluateAll((nodes) =>
        nodes.map((node) => [(node as HTMLOptionElement).value, node.textContent]),
      )
    const servers = (spec.servers as { url: string }[]).map(({ url }) => url)
    expect(options.map(([value]) => value)).toEqual([...servers, 'custom'])
    expect(servers).toEqual([
      'https://solapi.com',
      'http://127.0.0.1:4010',
      'http://127.0.0.1:4011',
    ])
    for (const [, label] of options) expect(label).not.toContain('through this docs server')
    // The mock is the default (the sandbox is only when a docs server forwards to it).
    expect(await field(form, 'Server').inputValue()).toBe('http://127.0.0.1:4010')
    // The typed URL is asked for only when it is chosen.
    expect(await field(form, 'Server URL').isVisible()).toBe(false)
    await field(form, 'Server').selectOption('custom')
    expect(await field(form, 'Server URL').isVisible()).toBe(true)
  })

  it('refuses a typed URL that is not http(s), and sends nothing', async () => {
    const form = await useServer('ftp://127.0.0.1:4011', sandbox.apiKey, sandbox.apiSecret)
    const before = requests.length
    await send(form)
    await expect
      .poll(() => alertOf(form))
      .toBe('Server URL must be an http or https URL, not ftp:; nothing was sent.')
    expect(await field(form, 'Server URL').getAttribute('aria-invalid')).toBe('true')
    expect(requests.length).toBe(before)
  })

  it('calls the sandbox directly: 200 and the list', async () => {
    const form = await useServer(sandbox.url, sandbox.apiKey, sandbox.apiSecret)
    const before = requests.length
    await send(form)
    await expect.poll(() => statusOf(form)).toBe('200 OK')
    const text = (await form.getByRole('status').textContent()) ?? ''
    expect(text).toContain(`"${sandbox.apiKey}": {`)
    expect(text).toMatch(/Date\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/)
    expect(text).toContain(`Sent to${sandbox.url}`)
    // Cross-origin, straight to the sandbox (playwright does not list the preflight).
    const sent = requests.slice(before).map((request) => `${request.method()} ${request.url()}`)
    expect(sent).toEqual([`POST ${sandbox.url}${list.path}`])
    expect(await requests.at(-1)?.headerValue('origin')).toBe(host.url)
  })

  it("shows 403 with the server's errorCode, and its hint when it sends one, for a wrong secret", async () => {
    const form = await useServer(sandbox.url, sandbox.apiKey, 'WRONGSECRET000000000000000000000')
    const before = answers.length
    await send(form)
    await expect.poll(() => statusOf(form)).toBe('403 SignatureDoesNotMatch')
    await expect.poll(() => answers.length).toBeGreaterThan(before)
    const body = JSON.parse(answers.at(-1)?.body ?? '{}')
    expect(body.errorCode).toBe('SignatureDoesNotMatch')
    const hint = form.locator('.solapi-try__hint')
    if (typeof body.hint === 'string') expect(await hint.textContent()).toBe(body.hint)
    else expect(await hint.count()).toBe(0)
    // The server's own words are there, whatever it diagnosed.
    expect(await form.locator('.solapi-try__body').textContent()).toContain(body.errorMessage)
  })

  it('keeps the chosen server and the API key over a reload, never the secret', async () => {
    await useServer(sandbox.url, sandbox.apiKey, sandbox.apiSecret)
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }))
    expect(stored).toContain(sandbox.apiKey)
    expect(stored).not.toContain(sandbox.apiSecret)
    await page.reload({ waitUntil: 'networkidle' })
    const form = await listForm()
    expect(await field(form, 'Server').inputValue()).toBe('custom')
    expect(await field(form, 'Server URL').inputValue()).toBe(sandbox.url)
    expect(await field(form, 'API key').inputValue()).toBe(sandbox.apiKey)
    expect(await field(form, 'API secret').inputValue()).toBe('')
    const kept = await page.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      url: location.href,
    }))
    for (const value of Object.values(kept)) expect(value).not.toContain(sandbox.apiSecret)
    // With the secret typed again, it works as before.
    await field(form, 'API secret').fill(sandbox.apiSecret)
    await send(form)
    await expect.poll(() => statusOf(form)).toBe('200 OK')
  })

  it("keeps one of the spec's servers too, and a key typed for it (nothing is sent)", async () => {
    const form = await listForm()
    await field(form, 'Server').selectOption('https://solapi.com')
    await field(form, 'API key').fill('TYPEDKEY00000001')
    await field(form, 'API secret').fill('TYPEDSECRET000000000000000000001')
    await page.reload({ waitUntil: 'networkidle' })
    const again = await listForm()
    expect(await field(again, 'Server').inputValue()).toBe('https://solapi.com')
    expect(await field(again, 'API key').inputValue()).toBe('TYPEDKEY00000001')
    expect(await field(again, 'API secret').inputValue()).toBe('')
    expect(await field(again, 'Server URL').isVisible()).toBe(false)
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(
      'TYPEDSECRET',
    )
    expect(requests.some((request) => request.url().startsWith('https://solapi.com'))).toBe(false)
  })
})

describe('a sandbox that does not grant this origin, then stopped', () => {
  let refusing: Sandbox

  beforeAll(async () => {
    refusing = await startSandboxProcess({
      env: { SANDBOX_CORS_ORIGINS: 'https://elsewhere.example' },
    })
  })

  afterAll(async () => {
    await refusing?.stop()
  })

  it('explains a CORS refusal, naming SANDBOX_CORS_ORIGINS with this origin', async () => {
    const form = await useServer(refusing.url, refusing.apiKey, refusing.apiSecret)
    await send(form)
    await expect.poll(() => alertOf(form)).toMatch(/^No answer from /)
    const text = (await alertOf(form)) ?? ''
    expect(text).toMatch(new RegExp(`^No answer from ${refusing.url}: refused by CORS: `))
    expect(text).toContain(`start it with SANDBOX_CORS_ORIGINS=${host.url}`)
    expect(await form.getByRole('alert').getAttribute('data-reason')).toBe('cors')
    expect(await form.locator('.solapi-try__status').count()).toBe(0)
  })

  it('explains a stopped sandbox as unreachable, with how to start it', async () => {
    await refusing.stop()
    const form = await listForm()
    await send(form)
    await expect.poll(() => alertOf(form)).toMatch(/cannot reach it/)
    const text = (await alertOf(form)) ?? ''
    expect(text).toMatch(new RegExp(`^No answer from ${refusing.url}: cannot reach it`))
    expect(text).toContain(
      'Is the sandbox running? Start it with `npx @solapi/credentials-sandbox`',
    )
    expect(text).not.toContain('CORS')
    expect(await form.getByRole('alert').getAttribute('data-reason')).toBe('unreachable')
  })
})
