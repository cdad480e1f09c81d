-- POST /v1/servers/{s}/messages/check: ordinary chat from 20000 authors per thread, each writing
-- about once every few seconds with ever-new text. BENCH_SPAMMY=1 mixes in what the automod-on
-- server must catch, about 1 message in 10: every 10th message has a banned word, and every 100th
-- comes from one of 10 spammers repeating the same text (duplicate and rate windows).
-- Requests are built as they are sent (each one new text) on a pre-built request line and headers.
-- BENCH_IDEMPOTENCY=1 adds an Idempotency-Key named after the message, as both adapters send it
-- ("check-<message id>"): where automod can act, core-api then keeps a record of every answer.
local lib = dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

local clean = {
  "gg everyone, that was a close one",
  "anyone up for a chess war tonight?",
  "I think the leaderboard is wrong, let me check",
  "brb getting coffee",
  "nice move on round two",
}
local head, spammy, keyed, base, n

-- n in letters ("bcd"): text the normaliser keeps as it is, so every message is new
local function letters(k)
  local s = ""
  repeat
    s = string.char(97 + k % 26) .. s
    k = math.floor(k / 26)
  until k == 0
  return s
end

init = function(args)
  local server = lib.env("BENCH_SERVER", "discord:9001")
  spammy = lib.env("BENCH_SPAMMY", "0") == "1"
  keyed = lib.env("BENCH_IDEMPOTENCY", "0") == "1"
  base = 2000000 + (tid or 0) * 100000
  -- the request line and headers once; each request only adds its Content-Length and body
  head = wrk.format("POST", "/v1/servers/" .. server .. "/messages/check", lib.headers(nil)):sub(1, -3)
  -- each run (the warm-up steps are runs too) starts where no earlier run went: new texts, not repeats
  n = (os.time() % 100000) * 100000
end
setup = lib.setup
done = lib.done

request = function()
  n = n + 1
  local author = "discord:" .. (base + n % 20000)
  local content = clean[n % #clean + 1] .. " " .. letters(n)
  if spammy then
    if n % 100 == 0 then
      author = "discord:" .. (base + 90000 + (n / 100) % 10)
      content = "cheap gold, visit my shop"
    elseif n % 10 == 0 then
      content = "you are a noobface, " .. content
    end
  end
  local body = string.format(
    '{"messageId":"m%d-%d","channel":"general","author":{"user":"%s","roles":[]},"content":"%s","mentions":0}',
    base, n, author, content)
  local key = keyed and string.format("Idempotency-Key: check-m%d-%d\r\n", base, n) or ""
  return head .. key .. "Content-Length: " .. #body .. "\r\n\r\n" .. body
end
