-- Ends one session on request (logout). ARGV[1] key base, ARGV[2] now (ms), ARGV[3] session id.
-- When it was the user's last open session, the user stops counting as concurrent at once.
-- Returns 1 if the session was open here, 0 otherwise.
local base = ARGV[1]
local now = tonumber(ARGV[2])
local sid = ARGV[3]
local org = redis.call('HGET', base .. 's:' .. sid, 'org')
local user = end_session(base, sid, now, 'ended')
if not user then
  return 0
end
if not redis.call('HGET', base .. 'usc', user) then
  redis.call('ZREM', base .. 'users', user)
  redis.call('ZREM', base .. 'o:' .. org, user)
  for _, mod in ipairs(redis.call('ZRANGE', base .. 'modules', 0, -1)) do
    redis.call('ZREM', base .. 'm:' .. mod, user)
  end
end
return 1
