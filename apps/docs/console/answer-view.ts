// What came back, as the console shows it: the status (with the API's errorCode), the server's
// hint when it diagnosed the request, the Date and Retry-After headers, the Authorization header that was sent (signature redacted), where the
// request went, and the body.
import { element } from './element.ts'
import type { Answer } from './send-request.ts'
import type { ServerChoice } from './servers.ts'

export function answerView(answer: Answer, choice: ServerChoice): HTMLElement {
  const view = element('div')
  const list = element('dl')
  const rows: [string, string, string?][] = [
    ['Status', `${answer.status} ${answer.reason}`.trim(), 'solapi-try__status'],
    ...(answer.hint === undefined
      ? []
      : [
          ['Hint (the server’s diagnosis)', answer.hint, 'solapi-try__hint'] as [
            string,
            string,
            string,
          ],
        ]),
    ['Date', answer.date ?? '(not sent)'],
    ['Retry-After', answer.retryAfter ?? '(not sent)'],
    ['Authorization (sent, signature redacted)', answer.authorization, 'solapi-try__authorization'],
    ['Sent to', choice.proxied ? `${choice.url} (through this docs server)` : choice.url],
  ]
  for (const [term, value, className = ''] of rows) {
    list.append(
      element('dt', { textContent: term }),
      element('dd', { textContent: value, className }),
    )
  }
  const body = element('pre', { className: 'solapi-try__body' })
  body.append(element('code', { textContent: answer.body }))
  view.append(list, element('p', { textContent: 'Response body' }), body)
  return view
}
