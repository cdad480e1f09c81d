-- A player workload: what a busy server's members do, by weight (BENCH_MIX, e.g.
-- "getwar:40,leaderboard:20,profile:10,check:20,createwar:10"); run.sh passes only the kinds whose
-- endpoints exist. Requests are interleaved in a fixed order built from the weights.
local lib = dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

lib.scenario(function(tid)
  local server = lib.env("BENCH_SERVER", "discord:9001")
  local warIds = lib.split(lib.env("BENCH_WAR_IDS", ""))
  local base = 4000000 + (tid or 0) * 100000
  local build = {
    getwar = function(n)
      return wrk.format("GET", "/v1/wars/" .. warIds[n % #warIds + 1], lib.headers(nil))
    end,
    leaderboard = function(n)
      return wrk.format("GET", "/v1/servers/" .. server .. "/leaderboard?game=chess", lib.headers(nil))
    end,
    profile = function(n)
      return wrk.format("GET", "/v1/servers/" .. server .. "/players/discord:" .. (1000000 + n % 200), lib.headers(nil))
    end,
    config = function(n)
      return wrk.format("GET", "/v1/servers/" .. server .. "/config", lib.headers(nil))
    end,
    check = function(n)
      local body = string.format(
        '{"messageId":"x%d-%d","channel":"general","author":{"user":"discord:%d","roles":[]},"content":"gg, rematch? #%d","mentions":0}',
        tid or 0, n, base + n % 500, n)
      return wrk.format("POST", "/v1/servers/" .. server .. "/messages/check", lib.headers(nil), body)
    end,
    createwar = function(n)
      local a, b = "discord:" .. (base + 2 * n), "discord:" .. (base + 2 * n + 1)
      local body = string.format('{"game":"chess","format":"ft3","duration":"12h","sides":[["%s"],["%s"]]}', a, b)
      return wrk.format("POST", "/v1/servers/" .. server .. "/wars", lib.headers({ id = a }), body)
    end,
  }
  local weights = {}
  for _, item in ipairs(lib.split(lib.env("BENCH_MIX", "config:100"))) do
    local kind, w = string.match(item, "([%a]+):(%d+)")
    if build[kind] == nil then error("unknown kind in BENCH_MIX: " .. tostring(kind)) end
    weights[#weights + 1] = { kind = kind, weight = tonumber(w), credit = 0 }
  end
  -- smooth weighted round robin over 2000 requests
  local total = 0
  for _, w in ipairs(weights) do total = total + w.weight end
  local reqs = {}
  for n = 1, 2000 do
    local best = nil
    for _, w in ipairs(weights) do
      w.credit = w.credit + w.weight
      if best == nil or w.credit > best.credit then best = w end
    end
    best.credit = best.credit - total
    reqs[#reqs + 1] = build[best.kind](n)
  end
  return reqs
end)
