-- wrk script: POST a JSON body with an Authorization header taken from a pool of pre-signed,
-- never-repeated headers (wrk's Lua has no HMAC, and the sandbox refuses a reused signature).
-- Usage: wrk -t2 -c64 -d10s -s signed-pool.lua URL -- <pool file> <path> <body> <threads>
-- The pool file holds one header value per line; thread i takes lines i, i+T, i+2T, ...
local threads = {}
local counter = 0

function setup(thread)
  thread:set('thread_index', counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  pool_file, path, body = args[1], args[2], args[3]
  local stride = tonumber(args[4])
  headers = {}
  local n = 0
  local line_no = 0
  for line in io.lines(pool_file) do
    if line_no % stride == thread_index then
      n = n + 1
      headers[n] = line
    end
    line_no = line_no + 1
  end
  size = n
  next_index = 0
  wrapped = 0
end

function request()
  next_index = next_index + 1
  if next_index > size then
    next_index = 1
    wrapped = wrapped + 1
  end
  return wrk.format('POST', path, {
    ['Authorization'] = headers[next_index],
    ['Content-Type'] = 'application/json',
  }, body)
end

function done(summary, latency, requests)
  local wraps = 0
  for _, thread in ipairs(threads) do
    wraps = wraps + (thread:get('wrapped') or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"durationUs":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,' ..
    '"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeouts":%d,"non2xx":%d,"poolWraps":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.timeout, e.status, wraps))
end
