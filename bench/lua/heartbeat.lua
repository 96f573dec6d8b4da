-- One heartbeat per request: a random user of 100,000 (one session each, in one of 200
-- organizations), active in a random one of 10 modules. Key from BENCH_INGEST_KEY.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")

local USERS, ORGS, MODULES = 100000, 200, 10
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. (os.getenv("BENCH_INGEST_KEY") or "bench-ingest"),
}

function init()
  math.randomseed(os.time() + 7919 * id)
end

function request()
  local u = math.random(0, USERS - 1)
  local body = string.format(
    '{"userId":"hu-%d","organizationId":"org-%d","sessionId":"hs-%d","moduleId":"mod-%d","userAgent":"bench"}',
    u, u % ORGS, u, math.random(0, MODULES - 1))
  return wrk.format("POST", "/api/v1/activity", headers, body)
end
