// The console of one operation: a form with the fields "Server" (and "Server URL" when the
// reader types one), "API key", "API secret" and "Body" (each a native control with a <label
// for>, so that its accessible name is its visible label and the keyboard alone can use it), the
// button "Send", and the answer below, or why none came.
import { ValidationError } from '@solapi/credentials-client'
import { answerView } from './answer-view.ts'
import { element } from './element.ts'
import type { ConsoleOperation } from './page-data.ts'
import { sendSigned } from './send-request.ts'
import { CUSTOM_LABEL, CUSTOM_SERVER, customUrlProblem, type ServerChoice } from './servers.ts'
import type { Session, SharedField } from './session.ts'
import { whyNoAnswer } from './why-no-answer.ts'

const WARNING =
  'Never type a production secret into a page that someone else controls. The key and secret ' +
  'stay in this page: only a signature made with them is sent, and the secret is never stored ' +
  '(the server and the key are remembered until this tab is closed).'

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
    server.append(element('option', { value: choice.value, textContent: choice.label }))
  }
  server.append(element('option', { value: CUSTOM_SERVER, textContent: CUSTOM_LABEL }))
  const customUrl = element(
    'input',
    {
      id: id('customUrl'),
      type: 'url',
      autocomplete: 'off',
      spellcheck: false,
      placeholder: 'http://127.0.0.1:4011',
    },
    { autocapitalize: 'off' },
  )
  const customRow = field('Server URL', customUrl)
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
  const controls = { server, customUrl, apiKey, apiSecret }
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
    customRow,
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
    // Asked for only when it is used, so that it is out of the way (and the tab order) else.
    customRow.hidden = session.values.server !== CUSTOM_SERVER
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
    delete problem.dataset.reason
    for (const control of [body, customUrl, apiKey, apiSecret]) {
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
    const badUrl = choice.value === CUSTOM_SERVER && customUrlProblem(choice.url)
    if (badUrl) {
      refuse(`Server URL ${badUrl}; nothing was sent.`, customUrl)
      return
    }
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
        // fetch tells no reason; find out which it is (a probe takes up to a few seconds).
        result.replaceChildren(
          element('p', { textContent: `No answer from ${choice.url}; finding out why…` }),
        )
        const target = new URL(`${choice.base}${op.path}`, location.href)
        const page = new URL(location.href)
        const { kind, message } = await whyNoAnswer({
          page,
          target,
          server: choice.url,
          proxied: choice.proxied,
        })
        result.replaceChildren()
        problem.dataset.reason = kind
        problem.textContent = message
      }
    } finally {
      sending = false
      result.removeAttribute('aria-busy')
    }
  })
  return form
}
