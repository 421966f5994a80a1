// Run by the package test on Node, Bun and Deno, from a folder where the packed tarball is
// installed: what a consumer's test setup does with the sandbox. Prints one JSON line.
import net from 'node:net'
import { createSandbox, startSandbox } from '@solapi/credentials-sandbox'

const encoder = new TextEncoder()

/** The spec's HMAC header, made with Web Crypto (every runtime has it). */
async function authorization({ apiKey, apiSecret }) {
  const date = new Date().toISOString()
  const salt = crypto.randomUUID().replaceAll('-', '')
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(apiSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(date + salt)))
  const signature = Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('')
  return `HMAC-SHA256 apiKey=${apiKey}, date=${date}, salt=${salt}, signature=${signature}`
}

async function request(base, credential, operation, body = {}) {
  return new Request(`${base}/credentials/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await authorization(credential) },
    body: JSON.stringify(body),
  })
}

/** Sends a signed request over a new connection; the bytes that came back before it closed. */
async function rawExchange(url, credential) {
  const { hostname, port } = new URL(url)
  const signed = await request(url, credential, 'getCredentialList')
  const head = [
    `POST /credentials/getCredentialList HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    'Content-Type: application/json',
    `Authorization: ${signed.headers.get('authorization')}`,
    'Content-Length: 2',
    'Connection: close',
  ].join('\r\n')
  return new Promise((resolve) => {
    let received = 0
    const socket = net.connect(Number(port), hostname, () => socket.write(`${head}\r\n\r\n{}`))
    socket.on('data', (chunk) => {
      received += chunk.length
    })
    socket.on('error', () => {})
    socket.on('close', () => resolve(received))
  })
}

const started = performance.now()
const sandbox = await startSandbox()
const startMs = performance.now() - started
const own = await fetch(await request(sandbox.url, sandbox, 'getCredentialList'))
const other = await sandbox.control.createAccount()
const cross = await fetch(
  await request(sandbox.url, other, 'getCredentialInfo', { apiKey: sandbox.apiKey }),
)
await sandbox.control.addFault({ times: 1, status: 503, retryAfter: 2 })
const faulted = await fetch(await request(sandbox.url, sandbox, 'getCredentialList'))
await sandbox.control.addFault({ times: 1, drop: true })
const droppedBytes = await rawExchange(sandbox.url, sandbox)
const answeredBytes = await rawExchange(sandbox.url, sandbox)
await sandbox.control.setClock({ offsetMs: 20 * 60_000 })
const skewed = await fetch(await request(sandbox.url, sandbox, 'getCredentialList'))
const resetStarted = performance.now()
await sandbox.control.resetSandbox()
const resetMs = performance.now() - resetStarted
const journal = await sandbox.control.listRequests()
await sandbox.close()

const handler = await createSandbox()
const viaHandler = await handler.fetch(
  await request('http://sandbox.invalid', handler, 'getCredentialList'),
)
await handler.control.addFault({ times: 1, drop: true })
const droppedHandler = await handler
  .fetch(await request('http://sandbox.invalid', handler, 'getCredentialList'))
  .then(
    () => 'answered',
    (error) => error.name,
  )
await handler.close()

console.log(
  JSON.stringify({
    url: sandbox.url,
    own: own.status,
    cross: [cross.status, (await cross.json()).resultCode],
    faulted: [faulted.status, faulted.headers.get('retry-after'), (await faulted.json()).errorCode],
    droppedBytes,
    answeredBytes: answeredBytes > 0,
    skewed: [skewed.status, (await skewed.json()).errorCode],
    journalAfterReset: journal.length,
    handler: viaHandler.status,
    droppedHandler,
    startMs: Math.round(startMs),
    resetMs: Math.round(resetMs * 10) / 10,
  }),
)
