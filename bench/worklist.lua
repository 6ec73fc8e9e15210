-- The readers of `npm run bench:worklist`, for wrk: the users' session cookies take turns, each request
-- asking for one of the paths of a file (one path per line, picked at random: the case page asks for random
-- cases). Arguments after `--`: the paths' file and the cookies' file (one `name=value` per line). The figures
-- go to the file named by WORKLIST_FIGURES_FILE.

local sent = 0

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  cookies = {}
  for line in io.lines(args[2]) do
    cookies[#cookies + 1] = line
  end
end

function request()
  sent = sent + 1
  return wrk.format("GET", paths[math.random(#paths)], {
    ["Cookie"] = cookies[(sent - 1) % #cookies + 1],
  })
end

function done(summary, latency, requests)
  local errors = summary.errors
  local figures = io.open(os.getenv("WORKLIST_FIGURES_FILE"), "w")
  figures:write(string.format(
    '{"requests":%d,"non_2xx":%d,"socket_errors":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d}\n',
    summary.requests, errors.status, errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
  figures:close()
end
