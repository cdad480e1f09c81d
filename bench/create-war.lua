-- POST /v1/servers/{s}/wars: 1v1 chess wars between ever-changing pairs of players, created by
-- the first player (so the creator is accepted at once, as in chat). 2000 distinct pairs per thread.
local lib = dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

lib.scenario(function(tid)
  local server = lib.env("BENCH_SERVER", "discord:9001")
  local base = 1000000 + (tid or 0) * 100000
  local reqs = {}
  for n = 1, 2000 do
    local a = "discord:" .. (base + 2 * n)
    local b = "discord:" .. (base + 2 * n + 1)
    local body = string.format(
      '{"game":"chess","format":"ft3","duration":"12h","sides":[["%s"],["%s"]]}', a, b)
    reqs[#reqs + 1] = wrk.format("POST", "/v1/servers/" .. server .. "/wars", lib.headers({ id = a }), body)
  end
  return reqs
end)
