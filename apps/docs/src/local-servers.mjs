// @ts-check
// Which of the spec's servers are the local ones: the mock (`pnpm mock`) and the sandbox
// (`pnpm sandbox`). The spec names each server's command in its description; this reads them
// from there, so that a server URL changed in the spec changes the samples' default and the
// console's list with it.
import { credentialsContract } from '@solapi/credentials-spec'
import { LOCAL_SERVERS } from './console-config.mjs'

/** @typedef {import('./console-config.mjs').LocalServer} LocalServer */

/**
 * The spec's servers, each with `local` set when it is the mock or the sandbox.
 * @returns {{ url: string, description: string, local?: LocalServer }[]}
 */
export function specServers() {
  const servers = /** @type {{ url: string, description?: string }[]} */ (
    credentialsContract.document.servers ?? []
  )
  return servers.map(({ url, description = '' }) => {
    const local = LOCAL_SERVERS.find((name) => description.includes(`\`pnpm ${name}\``))
    return { url, description, ...(local ? { local } : {}) }
  })
}

/**
 * The URL the spec gives a local server; throws naming it when the spec lists none.
 * @param {LocalServer} name
 */
export function localServerUrl(name) {
  const server = specServers().find((candidate) => candidate.local === name)
  if (!server) {
    throw new Error(`The spec lists no server whose description names \`pnpm ${name}\``)
  }
  return server.url
}
