-- ARGV: prefix, node. A node shutting down: minus its leave time marks it for the next sweep, which takes over
-- its connections and grace periods as if it had crashed, with the right last-seen time.
if redis.call('ZSCORE', NODES, ARGV[2]) then
  redis.call('ZADD', NODES, -nowMs(), ARGV[2])
end
return 1
