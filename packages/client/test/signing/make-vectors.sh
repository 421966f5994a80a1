#!/usr/bin/env bash
# Regenerates vectors.json: frozen Authorization signatures computed with the openssl CLI, so the
# signing tests compare against an implementation that is not ours.
#   bash test/signing/make-vectors.sh > test/signing/vectors.json
set -euo pipefail
export LC_ALL=C.UTF-8

KEY=NCSOGH0TB3PDIGV1
SECRET=UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B
LONG_SECRET=$(printf 'K%.0s' {1..100})            # longer than the hash block: the key is hashed
BLOCK_SECRET=$(printf 'B%.0s' {1..64})            # exactly one SHA-256/MD5 block
UNICODE_SECRET='비밀키-Ünïcödé-🔑'                 # multi-byte UTF-8

# name|apiSecret|date|salt
CASES=(
  "worked example|$SECRET|2017-08-01T11:01:07Z|597fe0e36daeb"
  "shortest salt (12)|$SECRET|2017-08-01T11:01:07Z|abcdefghijkl"
  "longest salt (64)|$SECRET|2017-08-01T11:01:07Z|$(printf 'aZ9_-%.0s' {1..12})abcd"
  "salt of underscores and dashes|$SECRET|2024-01-01T00:00:00Z|____----____"
  "milliseconds, as Date#toISOString|$SECRET|2026-11-26T08:43:33.123Z|Zm9vYmFyYmF6cXV4"
  "nanoseconds|$SECRET|2026-11-26T08:43:33.123456789Z|Zm9vYmFyYmF6cXV4"
  "positive offset|$SECRET|2017-08-01T20:01:07.123+09:00|597fe0e36daeb"
  "negative half-hour offset|$SECRET|2017-08-01T05:31:07-05:30|597fe0e36daeb"
  "leap day|$SECRET|2024-02-29T23:59:59Z|leapdaysalt_01"
  "epoch|$SECRET|1970-01-01T00:00:00Z|epochepoch12"
  "far future|$SECRET|9999-12-31T23:59:59.999Z|farfuturesalt"
  "non-ASCII secret|$UNICODE_SECRET|2017-08-01T11:01:07Z|597fe0e36daeb"
  "secret longer than a block|$LONG_SECRET|2017-08-01T11:01:07Z|597fe0e36daeb"
  "secret of exactly one block|$BLOCK_SECRET|2017-08-01T11:01:07Z|597fe0e36daeb"
)

hmac() { # algorithm secret message
  printf '%s' "$3" | openssl dgst "-$1" -hmac "$2" -hex | sed 's/^.*= //'
}

json_string() { # escapes " and \ (the inputs hold no control characters)
  local s=${1//\\/\\\\}
  printf '"%s"' "${s//\"/\\\"}"
}

echo '['
first=1
for algorithm in HMAC-SHA256 HMAC-MD5; do
  digest=$([ "$algorithm" = HMAC-SHA256 ] && echo sha256 || echo md5)
  for entry in "${CASES[@]}"; do
    IFS='|' read -r name secret date salt <<<"$entry"
    signature=$(hmac "$digest" "$secret" "$date$salt")
    [ $first = 1 ] || echo ','
    first=0
    printf '  {"name": %s, "algorithm": "%s", "apiKey": "%s", "apiSecret": %s, "date": "%s", "salt": "%s", "signature": "%s"}' \
      "$(json_string "$name")" "$algorithm" "$KEY" "$(json_string "$secret")" "$date" "$salt" "$signature"
  done
done
printf '\n]\n'
