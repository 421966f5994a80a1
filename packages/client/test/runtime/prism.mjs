// Starts a real Prism mock of spec/dist/openapi.yaml on a free 127.0.0.1 port and stops it (its
// whole process group) on demand. Used by the Node smoke test and by run-runtimes.mjs.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const packageDir = fileURLToPath(new URL('../../', import.meta.url))
const prismBin = fileURLToPath(new URL('../../node_modules/.bin/prism', import.meta.url))
const spec = fileURLToPath(new URL('../../../../spec/dist/openapi.yaml', import.meta.url))

/** A port that was free a moment ago (nothing listens on it after this returns). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** @returns {Promise<{ url: string, stop: () => Promise<void> }>} */
export async function startPrism({ timeoutMs = 60_000 } = {}) {
  const port = await freePort()
  const child = spawn(prismBin, ['mock', '-h', '127.0.0.1', '-p', String(port), spec], {
    cwd: packageDir,
    detached: true, // its own process group, so stop() also ends Prism's children
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      return
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
    }, 5000)
    await exited
    clearTimeout(timer)
  }
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`Prism did not start in ${timeoutMs} ms`)),
      timeoutMs,
    )
    const fail = (error) => {
      clearTimeout(timer)
      stop().then(() => reject(new Error(`${error.message}\n${log.slice(-2000)}`)))
    }
    const onData = (chunk) => {
      log += chunk
      if (log.includes('Prism is listening')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => fail(new Error(`Prism exited with ${code} before listening`)))
  })
  // Keep draining the log so Prism never blocks on a full pipe.
  child.stdout.resume()
  child.stderr.resume()
  return { url: `http://127.0.0.1:${port}`, stop }
}
