-- ARGV: prefix, node. A node shutting down. With nothing left to hand over it just goes; otherwise minus its leave
-- time marks it for the next sweep, which takes over its connections and grace periods as if it had crashed, with
-- the right last-seen time.
local me = ARGV[2]
if not redis.call('ZSCORE', NODES, me) then
  return 0
end
if redis.call('EXISTS', nodeKey(me)) == 0 and redis.call('EXISTS', idleKey(me)) == 0 then
  redis.call('ZREM', NODES, me)
  return 1
end
redis.call('ZADD', NODES, -nowMs(), me)
return 1
