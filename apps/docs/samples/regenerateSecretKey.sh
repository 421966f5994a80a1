#!/usr/bin/env bash
# Regenerate a secret key: POST /credentials/regenerateSecretKey, signed with HMAC-SHA256.
set -euo pipefail
BASE_URL="${SOLAPI_BASE_URL:-http://127.0.0.1:4010}"
API_KEY="${SOLAPI_API_KEY:-NCSOGH0TB3PDIGV1}"
API_SECRET="${SOLAPI_API_SECRET:-UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B}"

# Sign: HMAC-SHA256(key = apiSecret, data = date + salt), hex. A fresh date and salt every time.
DATE="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
SALT="$(openssl rand -hex 16)"
SIGNATURE="$(printf '%s' "$DATE$SALT" | openssl dgst -sha256 -hmac "$API_SECRET" -hex | sed 's/^.*= //')"

curl -sS --fail-with-body -X POST "$BASE_URL/credentials/regenerateSecretKey" \
  -H "Authorization: HMAC-SHA256 apiKey=$API_KEY, date=$DATE, salt=$SALT, signature=$SIGNATURE" \
  -H 'Content-Type: application/json' \
  -d '{"apiKey":"NCSOGH0TB3PDIGV1"}'
