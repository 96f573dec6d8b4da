-- Shared by end-session.lua and sweep.lua (concatenated in front of them).
-- Ends a session atomically: appends its record to the partition's stream of ended sessions
-- (drained into PostgreSQL), forgets it, and updates the counters. Returns the user, or false.
local function end_session(base, sid, ended_at, reason)
  local session = base .. 's:' .. sid
  local f = redis.call('HMGET', session, 'user', 'org', 'module', 'ua', 'ip', 'start')
  local last = redis.call('ZSCORE', base .. 'sessions', sid)
  redis.call('ZREM', base .. 'sessions', sid)
  -- The current module is in the partition's smod hash; the session's own hash holds the first one
  -- (and the current one for sessions recorded before smod existed).
  local module = redis.call('HGET', base .. 'smod', sid) or f[3]
  redis.call('HDEL', base .. 'smod', sid)
  if not f[1] then
    return false
  end
  local user = f[1]
  local started_at = tonumber(f[6])
  if ended_at == nil then
    ended_at = tonumber(last or f[6])
  end
  redis.call('XADD', base .. 'ends', '*', 'session', sid, 'user', user, 'org', f[2], 'module', module,
    'ua', f[4] or '', 'ip', f[5] or '', 'start', started_at, 'end', ended_at, 'reason', reason)
  redis.call('DEL', session)
  if redis.call('HINCRBY', base .. 'usc', user, -1) <= 0 then
    redis.call('HDEL', base .. 'usc', user)
  end
  redis.call('HINCRBY', base .. 'counters', 'ended', 1)
  redis.call('HINCRBY', base .. 'counters', 'duration_ms', ended_at - started_at)
  return user
end
