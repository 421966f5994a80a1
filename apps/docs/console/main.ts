// The "Try it" console, bundled into the docs page by the build (esbuild): a form under every
// operation that signs a request in the page and sends it to the chosen server.
import { attachAll } from './attach.ts'
import { type ConsoleConfig, type ConsoleData, readJson } from './page-data.ts'
import { defaultServer, serverChoices } from './servers.ts'
import { createSession } from './session.ts'
import { createTryForm } from './try-form.ts'

const data = readJson<ConsoleData>('solapi-try-data')
const config = readJson<ConsoleConfig>('solapi-try-config')
const choices = serverChoices(data, config)
const session = createSession(choices, defaultServer(data, config))
const consoles = data.operations.map((op) => ({
  form: createTryForm(op, choices, session),
  operationId: op.operationId,
  path: op.path,
}))

// Redoc renders (and re-renders) sections after this script has run.
new MutationObserver(() => attachAll(consoles)).observe(document.body, {
  childList: true,
  subtree: true,
})
attachAll(consoles)
