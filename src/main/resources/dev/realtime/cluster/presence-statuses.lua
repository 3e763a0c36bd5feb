-- ARGV: prefix, user, user, ... Returns each user's status, nil for a user without an entry.
local statuses = {}
for i = 2, #ARGV do
  statuses[i - 1] = redis.call('HGET', userKey(ARGV[i]), 'status')
end
return statuses
