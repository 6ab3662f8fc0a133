-- wrk script for the load test: each wrk thread is one signed-in inspector on one connection
-- (run with -t N -c N and a --duration longer than LOAD_SECONDS), autosaving the answers of standard 2.1 of their own case, as the
-- assessment page's script does. benchmarks/load.py writes the sessions to LOAD_SESSIONS.
--
-- A save is acknowledged when the server answers 200 with "status":"saved"; the new versions in
-- the answer are sent with the next save, so no save conflicts with the one before it.

local sessions = dofile(os.getenv("LOAD_SESSIONS"))
local threads = {}
local next_index = 1

function setup(thread)
  thread:set("index", next_index)
  thread:set("case", sessions[next_index].case)
  table.insert(threads, thread)
  next_index = next_index + 1
end

function init(args)
  me = sessions[index]
  versions = me.versions
  saves = 0
  acknowledged = 0
  refused = 0
  -- Each inspector stops by itself after LOAD_SECONDS, once its last save has been answered,
  -- so every save the server received was acknowledged or refused before wrk ends.
  deadline = os.time() + tonumber(os.getenv("LOAD_SECONDS"))
end

local function body()
  saves = saves + 1
  local answer = (saves % 2 == 1) and "not-sufficient" or "sufficient"
  local parts = { "autosave=1", "csrf=" .. me.csrf }
  for question, version in pairs(versions) do
    table.insert(parts, "answer-" .. question .. "=" .. answer)
    table.insert(parts, "rationale-" .. question .. "=load+test+save+" .. saves)
    table.insert(parts, "version-" .. question .. "=" .. version)
  end
  return table.concat(parts, "&")
end

function request()
  return wrk.format("POST", me.path, {
    ["Cookie"] = me.cookie,
    ["Accept"] = "application/json",
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body())
end

function response(status, headers, text)
  if status == 200 and text:find('"status":"saved"', 1, true) then
    acknowledged = acknowledged + 1
    for question, version in text:gmatch('"([%d%.]+)":(%d+)') do
      versions[question] = tonumber(version)
    end
  else
    refused = refused + 1
  end
  if os.time() >= deadline then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local acknowledged_total, refused_total = 0, 0
  local per_thread = {}
  for _, thread in ipairs(threads) do
    acknowledged_total = acknowledged_total + thread:get("acknowledged")
    refused_total = refused_total + thread:get("refused")
    table.insert(per_thread, string.format('"%s":%d', thread:get("case"), thread:get("acknowledged")))
  end
  local errors = summary.errors
  io.write(string.format(
    'LOAD-RESULT {"requests":%d,"seconds":%.3f,"acknowledged":%d,"refused":%d,' ..
    '"socket_errors":%d,"status_errors":%d,"timeouts":%d,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"per_case":{%s}}\n',
    summary.requests, summary.duration / 1e6, acknowledged_total, refused_total,
    errors.connect + errors.read + errors.write, errors.status, errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    table.concat(per_thread, ",")))
end
