-- Presence shared by the nodes. Each presence script is this file followed by its own; ARGV[1] is the key prefix.
--   P:user:<u>   hash: status; while idle also idle (token), idleAt (last seen, epoch micros), graceAt (when the
--                grace period started, epoch micros), idleNode (node timing it)
--   P:conns:<u>  set of "<node> <connection>": the user's connections on every node
--   P:users      set of users with an entry
--   P:node:<n>   hash connection -> user: node n's connections, so that a survivor can drop them
--   P:idle:<n>   set of users whose grace period node n is timing
--   P:nodes      sorted set node -> last heartbeat, Redis time in ms; minus its leave time once a node left
--   P:gone:<n>   written (with a TTL) by the survivor that swept node n, so n knows it was taken for dead
-- Redis time, not the nodes' clocks, decides who is dead: a node with a clock ahead must not kill the others.
local P = ARGV[1]
local USERS = P .. ':users'
local NODES = P .. ':nodes'

local function userKey(user) return P .. ':user:' .. user end
local function connsKey(user) return P .. ':conns:' .. user end
local function nodeKey(node) return P .. ':node:' .. node end
local function idleKey(node) return P .. ':idle:' .. node end
local function goneKey(node) return P .. ':gone:' .. node end

local function nowMs()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

local function micros(ms)
  return string.format('%.0f', ms * 1000)
end

local function endIdle(user)
  local key = userKey(user)
  local owner = redis.call('HGET', key, 'idleNode')
  if owner then
    redis.call('SREM', idleKey(owner), user)
    redis.call('HDEL', key, 'idle', 'idleAt', 'graceAt', 'idleNode')
  end
end

-- Adds a connection of node; true when the user had no entry before.
local function addConnection(node, conn, user, status)
  local key = userKey(user)
  local fresh = redis.call('EXISTS', key) == 0
  if fresh then
    redis.call('HSET', key, 'status', status)
    redis.call('SADD', USERS, user)
  else
    endIdle(user)
  end
  redis.call('SADD', connsKey(user), node .. ' ' .. conn)
  redis.call('HSET', nodeKey(node), conn, user)
  return fresh
end

-- Drops a connection of node; the user's last one starts an idle period that owner times: the user was last seen
-- at `at`, the grace period runs from `graceAt`. Returns the connections left, or -1 when the connection was not known.
local function dropConnection(node, conn, user, token, at, graceAt, owner)
  redis.call('HDEL', nodeKey(node), conn)
  if redis.call('SREM', connsKey(user), node .. ' ' .. conn) == 0 then
    return -1
  end
  local left = redis.call('SCARD', connsKey(user))
  if left == 0 then
    redis.call('HSET', userKey(user), 'idle', token, 'idleAt', at, 'graceAt', graceAt, 'idleNode', owner)
    redis.call('SADD', idleKey(owner), user)
  end
  return left
end

-- The idle periods of these users, flat: user, token, idleAt, graceAt, user, ...
local function periodsOf(users)
  local periods = {}
  for _, user in ipairs(users) do
    local idle = redis.call('HMGET', userKey(user), 'idle', 'idleAt', 'graceAt')
    if idle[1] then
      periods[#periods + 1] = user
      periods[#periods + 1] = idle[1]
      periods[#periods + 1] = idle[2]
      periods[#periods + 1] = idle[3]
    end
  end
  return periods
end

