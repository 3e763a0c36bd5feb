-- ARGV: prefix, node, first link (1/0), token base, number of live connections, then connection, user, status for
-- each live connection, then user, closed at (epoch micros) for each user whose last connection here closed while
-- Redis could not be told.
-- Writes the node's connections again after an outage: drops those it closed meanwhile, adds the live ones.
-- Whether Redis kept its state decides the events: it did when the node is still listed, was swept, or links for
-- the first time. Then users it brings back are news. Otherwise (Redis lost everything) they were never gone for
-- anyone, but the users that left meanwhile were never told gone either: they get an idle period this node times,
-- its grace from now, so that a node where such a user is connected has the time to write it again.
-- Returns {online users flat: user, status, ...; idle periods the node times: user, token, idleAt, graceAt, ...}.
local me, tokenBase = ARGV[2], ARGV[4]
local kept = ARGV[3] == '1' or redis.call('ZSCORE', NODES, me) ~= false
    or redis.call('EXISTS', goneKey(me)) == 1
redis.call('DEL', goneKey(me))
local now = nowMs()
redis.call('ZADD', NODES, now, me)
local lastLive = 5 + 3 * tonumber(ARGV[5])
local live = {}
for i = 6, lastLive, 3 do
  live[ARGV[i]] = true
end
local held = redis.call('HGETALL', nodeKey(me))
for j = 1, #held, 2 do
  if not live[held[j]] then
    dropConnection(me, held[j], held[j + 1], tokenBase .. ':' .. j, micros(now), micros(now), me)
  end
end
local online = {}
for i = 6, lastLive, 3 do
  if addConnection(me, ARGV[i], ARGV[i + 1], ARGV[i + 2]) and kept then
    online[#online + 1] = ARGV[i + 1]
    online[#online + 1] = ARGV[i + 2]
  end
end
if not kept then
  for i = lastLive + 1, #ARGV, 2 do
    local user = ARGV[i]
    if redis.call('EXISTS', userKey(user)) == 0 then
      redis.call('HSET', userKey(user), 'status', 'online', 'idle', tokenBase .. ':left:' .. i, 'idleAt', ARGV[i + 1],
          'graceAt', micros(now), 'idleNode', me)
      redis.call('SADD', USERS, user)
      redis.call('SADD', idleKey(me), user)
    end
  end
end
return {online, periodsOf(redis.call('SMEMBERS', idleKey(me)))}
