-- GET scenarios (get war, leaderboard page, server config ...): cycles through BENCH_PATHS
-- (comma list), with the platform key and, if BENCH_ACTOR is set, that actor.
local lib = dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

lib.scenario(function(tid)
  local actor = nil
  if lib.env("BENCH_ACTOR", nil) then actor = { id = lib.env("BENCH_ACTOR") } end
  local reqs = {}
  for _, path in ipairs(lib.split(lib.env("BENCH_PATHS", "/"))) do
    reqs[#reqs + 1] = wrk.format("GET", path, lib.headers(actor))
  end
  return reqs
end)
