-- The clients of `npm run bench:intake`, for wrk: each thread sends the bodies of its own file (one JSON
-- application per line), each with its own Idempotency-Key, and keeps the case id of every 201 answer.
-- Arguments after `--`: the bodies' file prefix (thread k reads `<prefix>.<k>`), the bearer token, the
-- prefix of the keys and the line to start from (a warm-up run and the measured run send different
-- applications). The ids and the figures go to the files named by INTAKE_IDS_FILE and INTAKE_FIGURES_FILE.

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  for line in io.lines(args[1] .. "." .. index) do
    bodies[#bodies + 1] = line
  end
  token = args[2]
  keys = args[3] .. "-" .. index .. "-"
  ids = {}
  sent = tonumber(args[4])
end

function request()
  sent = sent + 1
  local body = bodies[(sent - 1) % #bodies + 1]
  return wrk.format("POST", "/api/cases", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = keys .. sent,
  }, body)
end

function response(status, headers, body)
  if status == 201 then
    ids[#ids + 1] = body:match('"id":"([^"]+)"')
  end
end

function done(summary, latency, requests)
  local out = io.open(os.getenv("INTAKE_IDS_FILE"), "w")
  local count = 0
  for _, thread in ipairs(threads) do
    for _, id in ipairs(thread:get("ids")) do
      out:write(id, "\n")
      count = count + 1
    end
  end
  out:close()
  local errors = summary.errors
  local figures = io.open(os.getenv("INTAKE_FIGURES_FILE"), "w")
  figures:write(string.format(
    '{"requests":%d,"acks_201":%d,"non_2xx":%d,"socket_errors":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, count, errors.status, errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
  figures:close()
end
