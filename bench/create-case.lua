-- POST /v1/servers/{s}/cases: the server owner (discord:1) warns ever-changing members.
local lib = dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

lib.scenario(function(tid)
  local server = lib.env("BENCH_SERVER", "discord:9001")
  local base = 3000000 + (tid or 0) * 100000
  local moderator = { id = "discord:1", owner = true, topRole = 100,
                      permissions = "MODERATE_MEMBERS,KICK_MEMBERS,BAN_MEMBERS,MANAGE_MESSAGES" }
  local reqs = {}
  for n = 1, 2000 do
    local body = string.format(
      '{"type":"warn","target":{"user":"discord:%d","owner":false,"topRole":1},"reason":"bench warning %d"}',
      base + n, n)
    reqs[#reqs + 1] = wrk.format("POST", "/v1/servers/" .. server .. "/cases", lib.headers(moderator), body)
  end
  return reqs
end)
