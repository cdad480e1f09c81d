-- POST /v1/servers/{s}/messages/check: ordinary chat from 20000 authors per thread, each writing
-- about once every few seconds. BENCH_SPAMMY=1 mixes in what the automod-on server must catch, about
-- 1 message in 10: every 10th message has a banned word, and every 100th comes from one of 10
-- spammers repeating the same text (duplicate and rate windows).
-- With BENCH_SPAMMY=1 requests are built as they are sent, every one a new text (on a pre-built request
-- line and headers): the duplicate window must never see an ordinary author repeat himself. Without it
-- (a server whose automod is off, where core-api reads no text) each thread prebuilds one message per
-- author, 20000 distinct messages, and cycles through them as the other scripts do: building each
-- request in Lua cost wrk half a core, which this 2-core box then lacked for core-api.
-- BENCH_IDEMPOTENCY=1 adds an Idempotency-Key named after the message, as both adapters send it
-- ("check-<message id>"): where automod can act, core-api then keeps a record of every answer.
local lib = dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

local clean = {
  "gg everyone, that was a close one ",
  "anyone up for a chess war tonight? ",
  "I think the leaderboard is wrong, let me check ",
  "brb getting coffee ",
  "nice move on round two ",
}
local head, spammy, keyed, base, n, nextRequest

-- "aa" to "zz": letters(n) from a table rather than a loop, because wrk builds every automod-on message in Lua
-- on the same two cores as core-api
local pairsOfLetters = {}
for i = 0, 675 do
  pairsOfLetters[i] = string.char(97 + math.floor(i / 26), 97 + i % 26)
end

-- n in 8 letters ("aabacaea"): text the normaliser keeps as it is, different for every n below 26^8, so every
-- message is new
local function letters(k)
  local p = pairsOfLetters
  return p[k % 676] .. p[math.floor(k / 676) % 676] .. p[math.floor(k / 456976) % 676]
    .. p[math.floor(k / 308915776) % 676]
end

local authors, spammers = {}, {}

local function message()
  n = n + 1
  local author = authors[n % 20000]
  local content = clean[n % #clean + 1] .. letters(n)
  if spammy then
    if n % 100 == 0 then
      author = spammers[math.floor(n / 100) % 10]
      content = "cheap gold, visit my shop"
    elseif n % 10 == 0 then
      content = "you are a noobface, " .. content
    end
  end
  local body = '{"messageId":"m' .. base .. '-' .. n .. '","channel":"general","author":{"user":"' .. author
    .. '","roles":[]},"content":"' .. content .. '","mentions":0}'
  if keyed then
    return head .. "Idempotency-Key: check-m" .. base .. "-" .. n .. "\r\nContent-Length: " .. #body .. "\r\n\r\n" .. body
  end
  return head .. "Content-Length: " .. #body .. "\r\n\r\n" .. body
end

init = function(args)
  local server = lib.env("BENCH_SERVER", "discord:9001")
  spammy = lib.env("BENCH_SPAMMY", "0") == "1"
  keyed = lib.env("BENCH_IDEMPOTENCY", "0") == "1"
  base = 2000000 + (tid or 0) * 100000
  for i = 0, 19999 do authors[i] = "discord:" .. (base + i) end
  for i = 0, 9 do spammers[i] = "discord:" .. (base + 90000 + i) end
  -- the request line and headers once; each request only adds its Content-Length and body
  head = wrk.format("POST", "/v1/servers/" .. server .. "/messages/check", lib.headers(nil)):sub(1, -3)
  -- each run (the warm-up steps are runs too) starts where no earlier run went: new texts, not repeats
  n = (os.time() % 100000) * 100000
  if spammy then
    nextRequest = message
  else
    local pool = {}
    for i = 1, 20000 do pool[i] = message() end
    nextRequest = lib.cycle(pool)
  end
end
-- defined when the script loads: wrk calls request() per request only if it exists before init()
request = function() return nextRequest() end
setup = lib.setup
done = lib.done
