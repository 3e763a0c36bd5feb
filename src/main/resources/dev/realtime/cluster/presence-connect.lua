-- ARGV: prefix, node, connection, user. Returns {1 when the user came online, status}.
local fresh = addConnection(ARGV[2], ARGV[3], ARGV[4], 'online')
return {fresh and 1 or 0, redis.call('HGET', userKey(ARGV[4]), 'status')}
