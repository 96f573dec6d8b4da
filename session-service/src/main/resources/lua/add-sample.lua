-- Stores the sample of one second unless that second already has one (two instances handing the
-- sampler lease over never write a second twice), and drops samples older than the retention.
-- KEYS[1] the samples sorted set; ARGV[1] second, ARGV[2] encoded sample, ARGV[3] oldest second to keep.
-- Returns 1 if stored.
if redis.call('ZCOUNT', KEYS[1], ARGV[1], ARGV[1]) > 0 then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
return 1
