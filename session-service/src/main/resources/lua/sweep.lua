-- Housekeeping of one partition, safe to run from every replica at once: each idle session is
-- ended by exactly one call, because finding and ending it happen in one atomic script.
-- ARGV[1] key base, ARGV[2] now (ms), ARGV[3] activity window (ms), ARGV[4] session TTL (ms),
-- ARGV[5] most sessions to end in this call. Returns the number of sessions ended.
local base = ARGV[1]
local now = tonumber(ARGV[2])
local window_start = now - tonumber(ARGV[3])
local idle_since = now - tonumber(ARGV[4])
local limit = tonumber(ARGV[5])
local idle = redis.call('ZRANGEBYSCORE', base .. 'sessions', '-inf', '(' .. idle_since, 'LIMIT', 0, limit)
for _, sid in ipairs(idle) do
  end_session(base, sid, nil, 'expired')
end
local stale = '(' .. window_start
redis.call('ZREMRANGEBYSCORE', base .. 'users', '-inf', stale)
for _, index in ipairs({ 'modules', 'orgs' }) do
  local prefix = index == 'modules' and 'm:' or 'o:'
  for _, id in ipairs(redis.call('ZRANGE', base .. index, 0, -1)) do
    redis.call('ZREMRANGEBYSCORE', base .. prefix .. id, '-inf', stale)
  end
  -- An index entry goes once its set has emptied (ZREMRANGEBYSCORE deletes an empty set).
  for _, id in ipairs(redis.call('ZRANGE', base .. index, 0, -1)) do
    if redis.call('EXISTS', base .. prefix .. id) == 0 then
      redis.call('ZREM', base .. index, id)
    end
  end
end
return #idle
