// @ts-check
// The curl template: bash, with the `date` and `openssl` lines that make the signature. It prints
// the raw response; `--fail-with-body` exits non-zero on an error status and still shows the body.

/** @param {string} text */
const shellQuote = (text) => `'${text.replaceAll("'", `'\\''`)}'`

/** @param {import('./sample-input.mjs').SampleInput} input */
export function curlSample({ summary, method, path, body, defaults, signing }) {
  const header = signing.header({
    apiKey: '$API_KEY',
    date: '$DATE',
    salt: '$SALT',
    signature: '$SIGNATURE',
  })
  const signed = signing.signed({ date: '$DATE', salt: '$SALT' })
  return `#!/usr/bin/env bash
# ${summary}: ${method} ${path}, signed with ${signing.algorithm}.
set -euo pipefail
BASE_URL="\${SOLAPI_BASE_URL:-${defaults.baseUrl}}"
API_KEY="\${SOLAPI_API_KEY:-${defaults.apiKey}}"
API_SECRET="\${SOLAPI_API_SECRET:-${defaults.apiSecret}}"

# Sign: ${signing.algorithm}(key = apiSecret, data = date + salt), hex. A fresh date and salt every time.
DATE="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
SALT="$(openssl rand -hex 16)"
SIGNATURE="$(printf '%s' "${signed}" | openssl dgst -${signing.hash} -hmac "$API_SECRET" -hex | sed 's/^.*= //')"

curl -sS --fail-with-body -X ${method} "$BASE_URL${path}" \\
  -H "Authorization: ${header}" \\
  -H 'Content-Type: application/json' \\
  -d ${shellQuote(JSON.stringify(body))}
`
}
