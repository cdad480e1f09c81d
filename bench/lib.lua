-- Shared by the Guildhall wrk scripts (loaded with dofile from BENCH_DIR).
-- Every script prebuilds its requests in init() and only cycles through them in request(),
-- so wrk spends as little CPU as possible in Lua: wrk shares the 2 cores with core-api.
local M = {}

function M.env(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then return default end
  return v
end

function M.split(s)
  local out = {}
  for item in string.gmatch(s or "", "[^,]+") do out[#out + 1] = item end
  return out
end

-- Headers for a platform key call; actor is optional ({id=..., permissions=..., owner=...}).
function M.headers(actor)
  local h = {
    ["Authorization"] = "Bearer " .. M.env("BENCH_KEY", "missing-key"),
    ["Content-Type"] = "application/json",
  }
  if actor then
    h["X-Actor-Id"] = actor.id
    if actor.permissions then h["X-Actor-Permissions"] = actor.permissions end
    if actor.owner then h["X-Actor-Owner"] = "true" end
    if actor.topRole then h["X-Actor-Top-Role"] = tostring(actor.topRole) end
  end
  return h
end

-- Numbers that differ between wrk threads: thread t uses base + t * 100000.
M.thread_counter = 0
function M.setup(thread)
  thread:set("tid", M.thread_counter)
  M.thread_counter = M.thread_counter + 1
end

function M.cycle(requests)
  local i = 0
  local n = #requests
  return function()
    i = i % n + 1
    return requests[i]
  end
end

-- Makes the calling script a wrk scenario: build(tid) returns the list of requests one thread
-- cycles through (tid = 0, 1, ... differs between threads, so ids do not collide).
function M.scenario(build)
  local nextRequest
  _G.setup = M.setup
  _G.done = M.done
  _G.init = function(args) nextRequest = M.cycle(build(tid or 0)) end
  _G.request = function() return nextRequest() end
end

-- One machine-readable line, the same fields as ../shared/bench/ceiling/report.lua.
function M.done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end

return M
