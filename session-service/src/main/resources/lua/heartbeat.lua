-- Records heartbeats of users of one partition at the server's receive time.
-- KEYS[1] routes to the partition; ARGV[1] its key base (cp:{p}:), ARGV[2] now (ms),
-- then six values per heartbeat: user, organization, session, module, user agent, ip address.
-- Returns the number of sessions this call started.
local base = ARGV[1]
local now = tonumber(ARGV[2])
local started = 0
for i = 3, #ARGV, 6 do
  local user, org, sid, mod = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  redis.call('ZADD', base .. 'users', now, user)
  -- The module and organization indexes only need to know the sets exist: touch them when a set
  -- gains a member, not on every heartbeat (the sweep drops an index entry once its set is empty).
  if redis.call('ZADD', base .. 'm:' .. mod, now, user) == 1 then
    redis.call('ZADD', base .. 'modules', now, mod)
  end
  if redis.call('ZADD', base .. 'o:' .. org, now, user) == 1 then
    redis.call('ZADD', base .. 'orgs', now, org)
  end
  local session = base .. 's:' .. sid
  if redis.call('HSETNX', session, 'user', user) == 1 then
    redis.call('HSET', session, 'org', org, 'module', mod, 'ua', ARGV[i + 4], 'ip', ARGV[i + 5], 'start', now)
    redis.call('HINCRBY', base .. 'usc', user, 1)
    started = started + 1
  else
    redis.call('HSET', session, 'module', mod)
  end
  redis.call('ZADD', base .. 'sessions', now, sid)
end
if started > 0 then
  redis.call('HINCRBY', base .. 'counters', 'started', started)
end
return started
