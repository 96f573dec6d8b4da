-- Batches of 1000 heartbeats. Each thread builds 50 distinct bodies once (50,000 users of its
-- own) and sends them round-robin, so two threads cover 100,000 distinct users.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")

local BODIES, SIZE, ORGS, MODULES = 50, 1000, 200, 10
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. (os.getenv("BENCH_INGEST_KEY") or "bench-ingest"),
}
local requests, next_body = {}, 0

function init()
  for b = 1, BODIES do
    local items = {}
    for i = 1, SIZE do
      local u = ((id * BODIES) + b - 1) * SIZE + i
      items[i] = string.format(
        '{"userId":"bb-%d","organizationId":"org-%d","sessionId":"bs-%d","moduleId":"mod-%d","userAgent":"bench"}',
        u, u % ORGS, u, u % MODULES)
    end
    requests[b] = wrk.format("POST", "/api/v1/activity/batch", headers, "[" .. table.concat(items, ",") .. "]")
  end
end

function request()
  next_body = next_body % BODIES + 1
  return requests[next_body]
end
