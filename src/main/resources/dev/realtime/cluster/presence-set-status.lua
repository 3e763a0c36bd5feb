-- ARGV: prefix, user, status. Only a connected user has a status to set: 1 when it changed.
local key = userKey(ARGV[2])
if redis.call('SCARD', connsKey(ARGV[2])) == 0 or redis.call('HGET', key, 'status') == ARGV[3] then
  return 0
end
redis.call('HSET', key, 'status', ARGV[3])
return 1
