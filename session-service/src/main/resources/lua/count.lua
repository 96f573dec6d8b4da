-- Counts one partition at one instant. ARGV[1] key base, ARGV[2] window start (ms),
-- ARGV[3] start of the session TTL (ms): sessions idle since before it are ending.
-- Returns {users in window, sessions in window, open sessions, started total, ended total,
-- ended duration total (ms)}.
local base = ARGV[1]
local since = ARGV[2]
local c = redis.call('HMGET', base .. 'counters', 'started', 'ended', 'duration_ms')
return {
  redis.call('ZCOUNT', base .. 'users', since, '+inf'),
  redis.call('ZCOUNT', base .. 'sessions', since, '+inf'),
  redis.call('ZCOUNT', base .. 'sessions', ARGV[3], '+inf'),
  tonumber(c[1] or 0), tonumber(c[2] or 0), tonumber(c[3] or 0)
}
