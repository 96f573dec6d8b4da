-- POSTs pre-built pushes of 5,000 samples each (4 distinct bodies over 400 series) to /api/v1/metrics.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
local bodies = {}
local per_push = 5000

function init(args)
  for b = 1, 4 do
    local samples = {}
    for i = 1, per_push do
      local series = (b * per_push + i) % 400
      samples[i] = string.format('{"metric":"gauge.bench","target":"app-%d","labels":{"k":"s%d"},"value":%d}',
        series % 20, series, i)
    end
    bodies[b] = '{"samples":[' .. table.concat(samples, ",") .. ']}'
  end
end

local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/api/v1/metrics", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_INGEST_KEY"),
  }, bodies[(n % 4) + 1])
end
