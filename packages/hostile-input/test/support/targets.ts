// The servers the suite runs against, each started through @solapi/devkit with its profile:
// the sandbox's Credentials API and its control API, the Prism mock, and the docs server (its
// page, and its forwarding to the sandbox and to the mock). A target whose process died (a
// shape crashed it) is started again before the next shape, so that every shape is judged on a
// live server and a crash is pinned on the shape that caused it.
import { signAuthorization } from '@solapi/credentials-client'
import {
  type RunningServer,
  randomCredential,
  startDocs,
  startMock,
  startSandboxProcess,
} from '@solapi/devkit'
import {
  type Authentication,
  eitherShape,
  header,
  type ParsedResponse,
  probe,
  type ServerProfile,
  specErrorShape,
  textErrorShape,
} from '../../src/index.ts'

type Credential = { apiKey: string; apiSecret: string }

/** A fresh HMAC Authorization header (a signature is accepted once), and its signature. */
function hmac(credential: Credential): Authentication {
  const value = signAuthorization(credential)
  const signature = /signature=([0-9a-f]+)/.exec(value)?.[1] ?? value
  return {
    headers: [['Authorization', value]],
    secrets: [{ label: 'signature of the Authorization header sent', value: signature }],
  }
}

const json = (response: ParsedResponse): unknown => {
  try {
    return JSON.parse(response.body.toString('utf8'))
  } catch {
    return undefined
  }
}

/** The probe check for a JSON 200 that holds `hasKey`. */
const okJson = (hasKey: string) => (response: ParsedResponse) => {
  const body = json(response) as Record<string, unknown> | undefined
  if (response.status === 200 && body && hasKey in body) return undefined
  return `${response.status} ${response.body.toString('utf8').slice(0, 200)}`
}

/** The Credentials API's profile, at `baseUrl` (the server itself, or a forwarding prefix). */
function credentialsApi(name: string, baseUrl: string, credential: Credential) {
  return {
    name,
    baseUrl,
    route: { method: 'POST', path: '/credentials/createCredential', goodBody: '{}' },
    auth: () => hmac(credential),
    // The list carries secrets by design: the probe's answer is not checked for them.
    probe: {
      method: 'POST',
      path: '/credentials/getCredentialList',
      body: '{}',
      check: okJson('credentials'),
    },
    refusal: specErrorShape,
  }
}

export interface Target {
  name: string
  profile(): ServerProfile
  /** Starts it again unless it is alive and answers the good request. */
  ensureUp(healthy?: boolean): Promise<void>
  /** Everything its processes printed, those stopped and restarted included. */
  logs(): string
  stop(): Promise<void>
}

type Started = { profile: ServerProfile; servers: RunningServer[] }

function target(name: string, start: () => Promise<Started>): Target & { start(): Promise<void> } {
  let current: Started | undefined
  /** The output of the servers already stopped. */
  let earlier = ''
  const output = (servers: RunningServer[]) =>
    servers.map((server) => server.process.stdout() + server.process.stderr()).join('\n')
  const stop = async () => {
    const servers = current?.servers ?? []
    current = undefined
    earlier += output(servers)
    // Front servers first, so that none outlives what it forwards to by much.
    for (const server of servers) await server.stop()
  }
  return {
    name,
    start: async () => {
      current = await start()
    },
    profile: () => {
      if (!current) throw new Error(`${name} is not running`)
      return current.profile
    },
    // Healthy means alive and answering the good request: a server can be on its way down.
    // `healthy` is what the last shape found, which saves asking again.
    ensureUp: async (healthy = false) => {
      if (
        current?.profile.exited().length === 0 &&
        (healthy || (await probe(current.profile)) === undefined)
      )
        return
      await stop()
      current = await start()
    },
    logs: () => earlier + output(current?.servers ?? []),
    stop,
  }
}

/** Names the servers of a target whose process has exited. */
const exitedOf = (servers: Record<string, RunningServer>) => () =>
  Object.entries(servers)
    .filter(([, server]) => !server.process.running())
    .map(([name]) => name)

export const sandboxCredentialsApi = () =>
  target('sandbox Credentials API', async () => {
    const sandbox = await startSandboxProcess()
    return {
      servers: [sandbox],
      profile: {
        ...credentialsApi('the sandbox', sandbox.url, sandbox),
        // The sandbox answers even what node:http cannot parse in the spec's shape.
        bareNodeAnswers: false,
        secrets: [
          { label: "sandbox's apiSecret", value: sandbox.apiSecret },
          { label: "sandbox's control token", value: sandbox.controlToken },
        ],
        exited: exitedOf({ 'the sandbox': sandbox }),
      },
    }
  })

export const sandboxControlApi = () =>
  target('sandbox control API', async () => {
    const sandbox = await startSandboxProcess()
    return {
      servers: [sandbox],
      profile: {
        name: 'the sandbox',
        baseUrl: sandbox.url,
        // Creating an account changes nothing the probe reads, whatever a shape makes of it.
        route: { method: 'POST', path: '/_sandbox/accounts', goodBody: '{}' },
        auth: () => ({
          headers: [['Authorization', `Bearer ${sandbox.controlToken}`]],
          secrets: [],
        }),
        probe: { method: 'GET', path: '/_sandbox/clock', check: okJson('now') },
        refusal: specErrorShape,
        bareNodeAnswers: false,
        secrets: [
          { label: "sandbox's apiSecret", value: sandbox.apiSecret },
          { label: "sandbox's control token", value: sandbox.controlToken },
        ],
        exited: exitedOf({ 'the sandbox': sandbox }),
      },
    }
  })

export const prismMock = () =>
  target('Prism mock', async () => {
    const mock = await startMock()
    // The mock checks no signature; one made with a secret of its own shows whether it echoes.
    const credential = randomCredential()
    return {
      servers: [mock],
      profile: {
        ...credentialsApi('the mock', mock.url, credential),
        // The mock's guard answers even what node:http cannot parse in the spec's shape.
        bareNodeAnswers: false,
        secrets: [
          { label: 'apiSecret the requests were signed with', value: credential.apiSecret },
        ],
        exited: exitedOf({ 'the mock': mock }),
      },
    }
  })

/** The page check: 200 HTML. */
const okPage = (response: ParsedResponse) =>
  response.status === 200 && /^text\/html/.test(header(response, 'content-type') ?? '')
    ? undefined
    : `${response.status} ${header(response, 'content-type') ?? ''}`

/**
 * The docs server forwarding to a sandbox, as `pnpm start` runs it, but without the sandbox's
 * test credential: with it, the page itself carries the apiSecret by design, and every shape
 * answered with the page would count as an echo.
 */
export const docsPage = () =>
  target('docs page', async () => {
    const sandbox = await startSandboxProcess()
    const docs = await startDocs({ upstreams: { sandbox: sandbox.url } })
    return {
      servers: [docs, sandbox],
      profile: {
        name: 'the docs server',
        baseUrl: docs.url,
        // No page: the server's own answer to a body it has no use for (the page itself, 2.6 MB,
        // is the probe's).
        route: { method: 'POST', path: '/hostile-input', goodBody: '{}' },
        auth: () => ({ headers: [], secrets: [] }),
        // HEAD: the page's own answer (200, text/html, its length) without sending its 2.6 MB
        // after every one of the shapes, which made this the slowest target by far.
        probe: { method: 'HEAD', path: '/', check: okPage },
        refusal: textErrorShape,
        secrets: [
          { label: "sandbox's apiSecret", value: sandbox.apiSecret },
          { label: "sandbox's control token", value: sandbox.controlToken },
        ],
        exited: exitedOf({ 'the docs server': docs, 'the sandbox': sandbox }),
      },
    }
  })

export const docsToSandbox = () =>
  target('docs forwarding to the sandbox', async () => {
    const sandbox = await startSandboxProcess()
    const docs = await startDocs({ upstreams: { sandbox: sandbox.url } })
    return {
      servers: [docs, sandbox],
      profile: {
        ...credentialsApi('the docs server or the sandbox', `${docs.url}/servers/sandbox`, sandbox),
        // The forwarding answers in the sandbox's shape, or (its own refusals) in text.
        refusal: eitherShape(specErrorShape, textErrorShape),
        secrets: [
          { label: "sandbox's apiSecret", value: sandbox.apiSecret },
          { label: "sandbox's control token", value: sandbox.controlToken },
        ],
        exited: exitedOf({ 'the docs server': docs, 'the sandbox': sandbox }),
      },
    }
  })

export const docsToMock = () =>
  target('docs forwarding to the mock', async () => {
    const mock = await startMock()
    const docs = await startDocs({ upstreams: { mock: mock.url } })
    const credential = randomCredential()
    return {
      servers: [docs, mock],
      profile: {
        ...credentialsApi('the docs server or the mock', `${docs.url}/servers/mock`, credential),
        refusal: eitherShape(specErrorShape, textErrorShape),
        secrets: [
          { label: 'apiSecret the requests were signed with', value: credential.apiSecret },
        ],
        exited: exitedOf({ 'the docs server': docs, 'the mock': mock }),
      },
    }
  })
