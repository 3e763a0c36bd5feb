-- ARGV: prefix, node, node timeout (ms), token base, gone TTL (ms).
-- The node's heartbeat, then the sweep of every node silent for longer than the timeout. The script runs whole,
-- so a dead node is swept by exactly one survivor. Returns {0} to a node that is not listed (taken for dead, or
-- Redis lost its state): it must restore its connections first. Otherwise {1, idle periods handed to it}.
local me, timeout, tokenBase = ARGV[2], tonumber(ARGV[3]), ARGV[4]
if not redis.call('ZSCORE', NODES, me) then
  return {0, {}}
end
local now = nowMs()
redis.call('ZADD', NODES, now, me)
local dead = redis.call('ZRANGEBYSCORE', NODES, '-inf', '(' .. string.format('%.0f', now - timeout), 'WITHSCORES')
if #dead == 0 then
  return {1, {}}
end
local n = 0
local handed = {}
for i = 1, #dead, 2 do
  local node = dead[i]
  -- A crashed node's users were last seen at its last heartbeat (one that left says when it did); their grace
  -- period starts now that they are found gone.
  local lastSeen = micros(math.abs(tonumber(dead[i + 1])))
  redis.call('ZREM', NODES, node)
  redis.call('SET', goneKey(node), '1', 'PX', ARGV[5])
  local held = redis.call('HGETALL', nodeKey(node))
  for j = 1, #held, 2 do
    n = n + 1
    if dropConnection(node, held[j], held[j + 1], tokenBase .. ':' .. n, lastSeen, micros(now), me) == 0 then
      handed[#handed + 1] = held[j + 1]
    end
  end
  redis.call('DEL', nodeKey(node))
  for _, user in ipairs(redis.call('SMEMBERS', idleKey(node))) do
    redis.call('HSET', userKey(user), 'idleNode', me)
    redis.call('SADD', idleKey(me), user)
    handed[#handed + 1] = user
  end
  redis.call('DEL', idleKey(node))
end
return {1, periodsOf(handed)}
