-- Counts responses by status in every thread and, at the end, prints one line that
-- bench/sessions.sh reads:  BENCH requests=… seconds=… ok=… non2xx=… … p50_ms=… p99_ms=… accepted=…
-- On its own it is the script for plain GETs (the HTTP ceiling); the other scripts load it first.
local threads = {}

function setup(thread)
  thread:set("id", #threads) -- 0, 1, …: lets a thread pick users no other thread picks
  table.insert(threads, thread)
end

statuses = {} -- global, so that done() can read it back from each thread

function count(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function response(status)
  count(status)
end

function done(summary, latency)
  local ok, bad, codes, accepted = 0, 0, {}, 0
  for _, thread in ipairs(threads) do
    accepted = accepted + (thread:get("accepted") or 0) -- set by load.lua only
    for status, n in pairs(thread:get("statuses")) do
      if status >= 200 and status < 300 then
        ok = ok + n
      else
        bad = bad + n
        codes[#codes + 1] = status .. "x" .. n
      end
    end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f ok=%d non2xx=%d codes=%s socket_errors=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f accepted=%d\n",
    summary.requests, summary.duration / 1e6, ok, bad, #codes > 0 and table.concat(codes, ",") or "-",
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, accepted))
end
