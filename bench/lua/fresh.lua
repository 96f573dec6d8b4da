-- One heartbeat per request from a user never seen before (one session each, one of 200 organizations,
-- one of 10 modules), paced by BENCH_DELAY_MS per connection: a steady stream of visitors who come once
-- and leave, so their sessions wait for the cleanup sweep. Key from BENCH_INGEST_KEY.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")

local ORGS, MODULES = 200, 10
local DELAY = tonumber(os.getenv("BENCH_DELAY_MS") or "5")
local RUN = os.getenv("BENCH_RUN") or "bench"
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. (os.getenv("BENCH_INGEST_KEY") or "bench-ingest"),
}
local n = 0

function request()
  n = n + 1
  local u = string.format("%s-%d-%d", RUN, id, n)
  local body = string.format(
    '{"userId":"fu-%s","organizationId":"org-%d","sessionId":"fs-%s","moduleId":"mod-%d","userAgent":"bench"}',
    u, n % ORGS, u, n % MODULES)
  return wrk.format("POST", "/api/v1/activity", headers, body)
end

function delay()
  return DELAY
end
