-- Loads 1,000,000 distinct users bu-0 … bu-999999 as 1000 batches of 1000, then ends wrk
-- (run it with -t1: one thread knows when every batch is answered). A connection with nothing
-- left to send idles on /q/health/live, so every status but 200 answers a batch.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")

local BATCHES, SIZE, ORGS, MODULES = 1000, 1000, 200, 10
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. (os.getenv("BENCH_INGEST_KEY") or "bench-ingest"),
}
local sent, answered, first = 0, 0, true
accepted = 0 -- global: report.lua sums it

function request()
  -- wrk calls request() once before the run to check what it returns; that call gets a probe.
  if first or sent == BATCHES then
    first = false
    return wrk.format("GET", "/q/health/live")
  end
  local items = {}
  for i = 1, SIZE do
    local u = sent * SIZE + i - 1
    items[i] = string.format(
      '{"userId":"bu-%d","organizationId":"org-%d","sessionId":"bus-%d","moduleId":"mod-%d","userAgent":"bench"}',
      u, u % ORGS, u, u % MODULES)
  end
  sent = sent + 1
  return wrk.format("POST", "/api/v1/activity/batch", headers, "[" .. table.concat(items, ",") .. "]")
end

function response(status, _, body)
  if status == 200 then return end -- an idle probe
  count(status)
  accepted = accepted + (tonumber(body:match('"accepted":(%d+)')) or 0)
  answered = answered + 1
  if answered == BATCHES then
    -- wrk would sleep out its whole -d. Once this (only) thread has stopped, a SIGINT can reach
    -- only wrk's main thread and ends the run: hence the short delay. wrk is the shell's parent.
    wrk.thread:stop()
    os.execute("(sleep 0.1; kill -INT $PPID) &")
  end
end
