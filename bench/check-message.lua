-- POST /v1/servers/{s}/messages/check: chat messages from 500 authors per thread.
-- BENCH_SPAMMY=1 mixes in what the automod-on server must catch: 1 in 10 messages has a banned
-- word, and each author repeats their messages, so the duplicate and rate windows fill up.
local lib = dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

local clean = {
  "gg everyone, that was a close one",
  "anyone up for a chess war tonight?",
  "I think the leaderboard is wrong, let me check",
  "brb getting coffee",
  "nice move on round two",
}

lib.scenario(function(tid)
  local server = lib.env("BENCH_SERVER", "discord:9001")
  local spammy = lib.env("BENCH_SPAMMY", "0") == "1"
  local base = 2000000 + (tid or 0) * 100000
  local reqs = {}
  for n = 1, 2000 do
    local author = "discord:" .. (base + n % 500)
    local content = clean[n % #clean + 1] .. " #" .. n
    if spammy then
      if n % 10 == 0 then content = "you are a noobface, " .. content end
      if n % 7 == 0 then content = clean[1] end -- the same text again: duplicate window
    end
    local body = string.format(
      '{"messageId":"m%d-%d","channel":"general","author":{"user":"%s","roles":[]},"content":"%s","mentions":0}',
      tid or 0, n, author, content)
    reqs[#reqs + 1] = wrk.format("POST", "/v1/servers/" .. server .. "/messages/check", lib.headers(nil), body)
  end
  return reqs
end)
