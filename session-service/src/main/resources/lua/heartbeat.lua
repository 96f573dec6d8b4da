-- Records heartbeats of users of one partition at the server's receive time.
-- KEYS[1] routes to the partition; ARGV[1] its key base (cp:{p}:), ARGV[2] now (ms),
-- then six values per heartbeat: user, organization, session, module, user agent, ip address.
-- Returns the number of sessions this call started.
--
-- Every ZADD is GT: writes may reach Redis out of order (several in flight, a retry after a failure),
-- and an older one must never move a last-seen time back.
--
-- Every heartbeat of a call has the same score (now), so each sorted set is written with one
-- variadic ZADD for all of its members instead of one ZADD per heartbeat: the per-command cost of
-- Redis and of redis.call is paid per set, not per heartbeat. A call of a few heartbeats (single
-- heartbeats coalesced over 16 partitions bring 1-3) writes each one directly instead: building the
-- groups costs more than it saves there (measured with redis-benchmark: 14 against 23-31 us for one).
local base = ARGV[1]
local now = ARGV[2]
local CHUNK = 2000 -- members per command: unpack() is limited to a few thousand values
local DIRECT_MAX = 3 -- up to this many heartbeats per call, no grouping

-- Creates the hash of a session its call found new in the sessions set, unless it exists already
-- (set and hash disagree); returns 1 if it did. i: the index in ARGV of the heartbeat's user.
local function start_session(i)
  local user, sid = ARGV[i], ARGV[i + 2]
  local session = base .. 's:' .. sid
  if redis.call('HSETNX', session, 'user', user) == 0 then
    return 0
  end
  redis.call('HSET', session, 'org', ARGV[i + 1], 'module', ARGV[i + 3], 'ua', ARGV[i + 4],
    'ip', ARGV[i + 5], 'start', now)
  redis.call('HINCRBY', base .. 'usc', user, 1)
  return 1
end

local function count_started(started)
  if started > 0 then
    redis.call('HINCRBY', base .. 'counters', 'started', started)
  end
  return started
end

if #ARGV - 2 <= 6 * DIRECT_MAX then
  local started = 0
  for i = 3, #ARGV, 6 do
    local user, org, sid, mod = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
    redis.call('ZADD', base .. 'users', 'GT', now, user)
    if redis.call('ZADD', base .. 'm:' .. mod, 'GT', now, user) == 1 then
      redis.call('ZADD', base .. 'modules', 'GT', now, mod)
    end
    if redis.call('ZADD', base .. 'o:' .. org, 'GT', now, user) == 1 then
      redis.call('ZADD', base .. 'orgs', 'GT', now, org)
    end
    -- A second heartbeat of a new session in this call finds it in the set: started once.
    if redis.call('ZADD', base .. 'sessions', 'GT', now, sid) == 1 then
      started = started + start_session(i)
    end
    redis.call('HSET', base .. 'smod', sid, mod)
  end
  return count_started(started)
end

-- ZADD GT now m1 now m2 … for every member; returns how many were new to the set.
local function zadd_all(key, members)
  local added, args = 0, {}
  for j = 1, #members do
    args[#args + 1] = now
    args[#args + 1] = members[j]
    if #args >= 2 * CHUNK then
      added = added + redis.call('ZADD', key, 'GT', unpack(args))
      args = {}
    end
  end
  if #args > 0 then
    added = added + redis.call('ZADD', key, 'GT', unpack(args))
  end
  return added
end

local users, sids = {}, {}
local module_users, module_order = {}, {}
local org_users, org_order = {}, {}
for i = 3, #ARGV, 6 do
  local user, org, sid, mod = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  users[#users + 1] = user
  sids[#sids + 1] = sid
  local m = module_users[mod]
  if not m then
    m = {}
    module_users[mod] = m
    module_order[#module_order + 1] = mod
  end
  m[#m + 1] = user
  local o = org_users[org]
  if not o then
    o = {}
    org_users[org] = o
    org_order[#org_order + 1] = org
  end
  o[#o + 1] = user
end

zadd_all(base .. 'users', users)
-- The module and organization indexes only need to know the sets exist: touch them when a set
-- gains a member, not on every heartbeat (the sweep drops an index entry once its set is empty).
for _, mod in ipairs(module_order) do
  if zadd_all(base .. 'm:' .. mod, module_users[mod]) > 0 then
    redis.call('ZADD', base .. 'modules', 'GT', now, mod)
  end
end
for _, org in ipairs(org_order) do
  if zadd_all(base .. 'o:' .. org, org_users[org]) > 0 then
    redis.call('ZADD', base .. 'orgs', 'GT', now, org)
  end
end

-- A session is new when it is not in the sessions set yet (ending a session removes it from the set and
-- deletes its hash in one script). The variadic ZADD says how many were new: nearly always none, and
-- then nothing else is asked. Otherwise HSETNX on each session's hash tells which were, and guards the
-- hash in case set and hash ever disagree.
local new_sessions = zadd_all(base .. 'sessions', sids)
local started = 0
if new_sessions > 0 then
  local seen = {}
  for k = 1, #sids do
    local i = 3 + (k - 1) * 6
    local sid = ARGV[i + 2]
    if not seen[sid] then
      seen[sid] = true
      started = started + start_session(i)
    end
  end
end
local modules_of_sessions = {}
for k = 1, #sids do
  local i = 3 + (k - 1) * 6
  modules_of_sessions[#modules_of_sessions + 1] = ARGV[i + 2]
  modules_of_sessions[#modules_of_sessions + 1] = ARGV[i + 3]
end
-- The current module of every open session, in one hash for the partition (smod: session -> module),
-- so that it is one variadic HSET per call rather than one HSET per heartbeat on the session's hash.
-- Pairs are applied in order: the last heartbeat of a session in this call wins.
for from = 1, #modules_of_sessions, 2 * CHUNK do
  redis.call('HSET', base .. 'smod',
    unpack(modules_of_sessions, from, math.min(from + 2 * CHUNK - 1, #modules_of_sessions)))
end
return count_started(started)
