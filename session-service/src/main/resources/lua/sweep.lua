-- Housekeeping of one partition, safe to run from every replica at once: each idle session is
-- ended by exactly one call, because finding and ending it happen in one atomic script.
-- ARGV[1] key base, ARGV[2] now (ms), ARGV[3] activity window (ms), ARGV[4] session TTL (ms),
-- ARGV[5] most sessions to end, ARGV[6] most stale entries to trim in this call.
-- Returns {sessions ended, 1 if work is left for another call else 0}.
--
-- The work of one call is bounded, so a wave of expiring users or sessions never holds Redis (and
-- every count waiting behind it) for long: the caller calls again while work is left.
local base = ARGV[1]
local now = tonumber(ARGV[2])
local window_start = now - tonumber(ARGV[3])
local idle_since = now - tonumber(ARGV[4])
local limit = tonumber(ARGV[5])
local idle = redis.call('ZRANGEBYSCORE', base .. 'sessions', '-inf', '(' .. idle_since, 'LIMIT', 0, limit)
for _, sid in ipairs(idle) do
  end_session(base, sid, nil, 'expired')
end
local more = #idle == limit
local stale = '(' .. window_start
local budget = tonumber(ARGV[6])
-- Removes up to the remaining budget of entries older than the window (the oldest rank first).
local function trim(key)
  local n = redis.call('ZCOUNT', key, '-inf', stale)
  local k = math.min(n, budget)
  if k > 0 then
    redis.call('ZREMRANGEBYRANK', key, 0, k - 1)
    budget = budget - k
  end
  if n > k then
    more = true
  end
end
trim(base .. 'users')
for _, index in ipairs({ 'modules', 'orgs' }) do
  local prefix = index == 'modules' and 'm:' or 'o:'
  for _, id in ipairs(redis.call('ZRANGE', base .. index, 0, -1)) do
    if budget == 0 then
      more = true
      break
    end
    local set = base .. prefix .. id
    trim(set)
    -- An index entry goes once its set has emptied (ZREMRANGEBYRANK deletes an empty set).
    if redis.call('EXISTS', set) == 0 then
      redis.call('ZREM', base .. index, id)
    end
  end
end
return { #idle, more and 1 or 0 }
