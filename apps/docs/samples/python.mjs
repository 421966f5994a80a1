// @ts-check
// The Python template: the standard library only (hmac, hashlib, urllib, json), with its own
// small signing function, so that the sample is complete when copied. An API error exits with
// its status and body on stderr.

/**
 * A JSON value as a Python literal.
 * @param {unknown} value
 * @returns {string}
 */
function pythonLiteral(value) {
  if (value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`,
    )
    return `{${entries.join(', ')}}`
  }
  return JSON.stringify(value)
}

/** @param {import('./prints.mjs').Print} print */
function printLines(print) {
  const lines = print.note ? [`# ${print.note}`] : []
  if (print.message) {
    const text = print.message.replace(/\{(\w+)\}/g, (_, field) => `{result['${field}']}`)
    lines.push(`print(f"${text}")`)
  } else if (print.each) {
    const fields = (print.fields ?? []).map((field) => `entry["${field}"]`)
    lines.push(
      `for api_key, entry in result["${print.each}"].items():`,
      `    print(${['api_key', ...fields].join(', ')})`,
    )
  } else {
    lines.push(`print(${(print.fields ?? []).map((field) => `result["${field}"]`).join(', ')})`)
  }
  return lines.join('\n')
}

/** @param {import('./sample-input.mjs').SampleInput} input */
export function pythonSample({ summary, method, path, body, print, defaults, signing }) {
  const header = signing.header({
    apiKey: '{API_KEY}',
    date: '{date}',
    salt: '{salt}',
    signature: '{signature}',
  })
  const signed = `f"${signing.signed({ date: '{date}', salt: '{salt}' })}"`
  return `"""${summary}: ${method} ${path}, signed with ${signing.algorithm} (standard library only)."""
import hashlib
import hmac
import json
import os
import secrets
import sys
import urllib.error
import urllib.request
from datetime import datetime, timezone

BASE_URL = os.environ.get("SOLAPI_BASE_URL", "${defaults.baseUrl}")
API_KEY = os.environ.get("SOLAPI_API_KEY", "${defaults.apiKey}")
API_SECRET = os.environ.get("SOLAPI_API_SECRET", "${defaults.apiSecret}")


def authorization() -> str:
    """${signing.algorithm}(key = apiSecret, data = date + salt), with a fresh date and salt every time."""
    date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    salt = secrets.token_hex(16)
    signature = hmac.new(API_SECRET.encode(), ${signed}.encode(), hashlib.${signing.hash}).hexdigest()
    return f"${header}"


request = urllib.request.Request(
    f"{BASE_URL}${path}",
    data=json.dumps(${pythonLiteral(body)}).encode(),
    headers={"Authorization": authorization(), "Content-Type": "application/json"},
    method="${method}",
)
try:
    with urllib.request.urlopen(request) as response:
        result = json.load(response)
except urllib.error.HTTPError as error:
    # The body names the problem: {"errorCode": ..., "errorMessage": ...} (no secrets in it).
    sys.exit(f"{error.code} {error.reason}: {error.read().decode()}")

${printLines(print)}
`
}
