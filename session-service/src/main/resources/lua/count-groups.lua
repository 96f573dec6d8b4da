-- Counts users per module or per organization in one partition.
-- ARGV[1] key base, ARGV[2] window start (ms), ARGV[3] 'modules' or 'orgs'.
-- Returns a flat list {id1, count1, id2, count2, ...} of the ids with users in the window.
local base = ARGV[1]
local since = ARGV[2]
local prefix = ARGV[3] == 'modules' and 'm:' or 'o:'
local out = {}
for _, id in ipairs(redis.call('ZRANGE', base .. ARGV[3], 0, -1)) do
  local n = redis.call('ZCOUNT', base .. prefix .. id, since, '+inf')
  if n > 0 then
    out[#out + 1] = id
    out[#out + 1] = n
  end
end
return out
