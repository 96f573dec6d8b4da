-- GET /api/v1/concurrent-users with the viewer key (BENCH_VIEWER_KEY).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")

wrk.method = "GET"
wrk.path = "/api/v1/concurrent-users"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_VIEWER_KEY") or "bench-viewer")
