-- ARGV: prefix, user, token. Ends the entry only in that idle period: 1 when it did.
local user = ARGV[2]
local key = userKey(user)
if redis.call('HGET', key, 'idle') ~= ARGV[3] or redis.call('SCARD', connsKey(user)) > 0 then
  return 0
end
redis.call('SREM', idleKey(redis.call('HGET', key, 'idleNode')), user)
redis.call('DEL', key)
redis.call('SREM', USERS, user)
return 1
