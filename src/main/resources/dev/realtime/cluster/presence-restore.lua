-- ARGV: prefix, node, first link (1/0), token base, then connection, user, status for each live connection.
-- Writes the node's connections again after an outage: drops those it closed meanwhile, adds the live ones.
-- Users it brings back are announced only when Redis kept its state (the node is still listed, was swept, or
-- links for the first time); after Redis lost everything they were never gone for anyone.
-- Returns {online users flat: user, status, ...; idle periods the node times: user, token, idleAt, ...}.
local me = ARGV[2]
local announce = ARGV[3] == '1' or redis.call('ZSCORE', NODES, me) ~= false
    or redis.call('EXISTS', goneKey(me)) == 1
redis.call('DEL', goneKey(me))
local now = nowMs()
redis.call('ZADD', NODES, now, me)
local live = {}
for i = 5, #ARGV, 3 do
  live[ARGV[i]] = true
end
local held = redis.call('HGETALL', nodeKey(me))
local n = 0
for j = 1, #held, 2 do
  if not live[held[j]] then
    n = n + 1
    dropConnection(me, held[j], held[j + 1], ARGV[4] .. ':' .. n, micros(now), me)
  end
end
local online = {}
for i = 5, #ARGV, 3 do
  if addConnection(me, ARGV[i], ARGV[i + 1], ARGV[i + 2]) and announce then
    online[#online + 1] = ARGV[i + 1]
    online[#online + 1] = ARGV[i + 2]
  end
end
return {online, periodsOf(redis.call('SMEMBERS', idleKey(me)))}
