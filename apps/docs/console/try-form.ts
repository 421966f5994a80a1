// The console of one operation: a form with the fields "Server", "API key", "API secret" and
// "Body" (each a native control with a <label for>, so that its accessible name is its visible
// label and the keyboard alone can use it), the button "Send", and the answer below.
import { ValidationError } from '@solapi/credentials-client'
import { answerView } from './answer-view.ts'
import { element } from './element.ts'
import type { ConsoleOperation } from './page-data.ts'
import { sendSigned } from './send-request.ts'
import type { ServerChoice } from './servers.ts'
import type { Session, SharedField } from './session.ts'

const WARNING =
  'Never type a production secret into a page that someone else controls. The key and secret ' +
  'stay in this page: they are not stored, and only a signature made with them is sent.'

const LABELS: Record<string, string> = { apiKey: 'API key', apiSecret: 'API secret' }

function field(label: string, control: HTMLElement) {
  const row = element('div', { className: 'solapi-try__field' })
  row.append(element('label', { htmlFor: control.id, textContent: label }), control)
  return row
}

export function createTryForm(op: ConsoleOperation, choices: ServerChoice[], session: Session) {
  const id = (name: string) => `try-${op.operationId}-${name}`
  const form = element(
    'form',
    { className: 'solapi-try', noValidate: true },
    {
      'aria-label': `Try it: ${op.summary}`,
    },
  )

  const server = element('select', { id: id('server') })
  for (const choice of choices) {
    server.append(element('option', { value: choice.url, textContent: choice.label }))
  }
  const textInput = (name: SharedField, type: string) =>
    element(
      'input',
      { id: id(name), type, autocomplete: 'off', spellcheck: false },
      {
        autocapitalize: 'off',
        'aria-describedby': id('warning'),
      },
    )
  const apiKey = textInput('apiKey', 'text')
  const apiSecret = textInput('apiSecret', 'password')
  const controls = { server, apiKey, apiSecret }
  const body = element('textarea', {
    id: id('body'),
    value: op.example,
    rows: Math.min(12, op.example.split('\n').length + 1),
    spellcheck: false,
  })
  const problem = element(
    'p',
    { id: id('problem'), className: 'solapi-try__problem' },
    {
      role: 'alert',
    },
  )
  const result = element(
    'div',
    { className: 'solapi-try__result' },
    {
      role: 'status',
      'aria-live': 'polite',
    },
  )

  form.append(
    element('h3', { className: 'solapi-try__title', textContent: 'Try it' }),
    field('Server', server),
    field('API key', apiKey),
    field('API secret', apiSecret),
    element('p', { id: id('warning'), className: 'solapi-try__warning', textContent: WARNING }),
    field('Body', body),
    problem,
    element('button', { type: 'submit', textContent: 'Send' }),
    result,
  )

  const render = () => {
    for (const [name, control] of Object.entries(controls)) {
      const value = session.values[name as SharedField]
      if (control.value !== value) control.value = value
    }
  }
  for (const [name, control] of Object.entries(controls)) {
    control.addEventListener('input', () => session.set(name as SharedField, control.value))
  }
  session.subscribe(render)
  render()

  const refuse = (message: string, control: HTMLElement) => {
    problem.textContent = message
    control.setAttribute('aria-invalid', 'true')
    control.setAttribute('aria-errormessage', problem.id)
    control.focus()
  }
  const clearProblem = () => {
    problem.textContent = ''
    for (const control of [body, apiKey, apiSecret]) {
      control.removeAttribute('aria-invalid')
      control.removeAttribute('aria-errormessage')
    }
  }

  let sending = false
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    // A second Enter while waiting is ignored; the button stays enabled so that it keeps focus.
    if (sending) return
    clearProblem()
    try {
      JSON.parse(body.value)
    } catch (error) {
      refuse(`Body is not valid JSON, so nothing was sent: ${(error as Error).message}`, body)
      return
    }
    const choice = session.choice()
    sending = true
    result.setAttribute('aria-busy', 'true')
    result.replaceChildren(element('p', { textContent: `Sending to ${choice.url}…` }))
    try {
      const answer = await sendSigned({
        url: `${choice.base}${op.path}`,
        method: op.method,
        body: body.value,
        apiKey: apiKey.value,
        apiSecret: apiSecret.value,
      })
      result.replaceChildren(answerView(answer, choice))
    } catch (error) {
      result.replaceChildren()
      if (error instanceof ValidationError) {
        const refused = error.errors[0]?.field ?? ''
        const control = refused === 'apiSecret' ? apiSecret : apiKey
        refuse(
          `${LABELS[refused] ?? refused} ${error.errors[0]?.message ?? error.message}; nothing was sent.`,
          control,
        )
      } else {
        problem.textContent =
          `No answer from ${choice.url}: ${(error as Error).message}. The server may be down, ` +
          'or it does not accept calls from this page (CORS); with `pnpm start`, the docs ' +
          'server forwards them to the local mock and sandbox.'
      }
    } finally {
      sending = false
      result.removeAttribute('aria-busy')
    }
  })
  return form
}
