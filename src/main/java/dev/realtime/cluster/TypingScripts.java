package dev.realtime.cluster;

/**
 * The Lua scripts of {@link RedisTypingStore}. Each runs atomically, so of several nodes acting on one entry at
 * once exactly one sees it change. Times are Redis's own clock (TIME), so the nodes' clocks need not agree.
 *
 * <p>An entry {@code (chat, user)} lives in three keys kept in step: the due set (every entry, scored by its
 * deadline in milliseconds, member {@code <byte length of chat>:<chat><user>} so any ids split back apart), the
 * chat's set (its users, scored by deadline) and the user's set (its chats). Keys of one prefix share a hash tag.
 */
final class TypingScripts {

    private static final String NOW = """
            local clock = redis.call('TIME')
            local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
            """;

    /**
     * KEYS due, chat, user; ARGV chat id, user id, timeout ms, lifetime ms of the keys (they go away by themselves
     * should no node be left to sweep). Returns 1 when the entry is new, 0 when it was only refreshed: an expired
     * entry not swept yet was never reported stopped, so reviving it is no new start.
     */
    static final LuaScript START = LuaScript.of(NOW + """
            local deadline = now + tonumber(ARGV[3])
            local added = redis.call('ZADD', KEYS[1], deadline, string.len(ARGV[1]) .. ':' .. ARGV[1] .. ARGV[2])
            redis.call('ZADD', KEYS[2], deadline, ARGV[2])
            redis.call('SADD', KEYS[3], ARGV[1])
            for i = 1, 3 do
              redis.call('PEXPIRE', KEYS[i], ARGV[4])
            end
            return added
            """);

    /** KEYS due, chat, user; ARGV chat id, user id. Returns 1 when the entry was there, so this call ended it. */
    static final LuaScript STOP = LuaScript.of("""
            local removed = redis.call('ZREM', KEYS[1], string.len(ARGV[1]) .. ':' .. ARGV[1] .. ARGV[2])
            redis.call('ZREM', KEYS[2], ARGV[2])
            redis.call('SREM', KEYS[3], ARGV[1])
            return removed
            """);

    /** KEYS chat. Returns the users whose deadline is still ahead, swept or not. */
    static final LuaScript TYPING_USERS = LuaScript.of(NOW + """
            return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')
            """);

    /** KEYS due, user; ARGV user id, prefix of chat keys. Returns the chats whose entry this call ended. */
    static final LuaScript CLEAR = LuaScript.of("""
            local stopped = {}
            for _, chat in ipairs(redis.call('SMEMBERS', KEYS[2])) do
              if redis.call('ZREM', KEYS[1], string.len(chat) .. ':' .. chat .. ARGV[1]) == 1 then
                stopped[#stopped + 1] = chat
              end
              redis.call('ZREM', ARGV[2] .. chat, ARGV[1])
            end
            redis.call('DEL', KEYS[2])
            return stopped
            """);

    /**
     * KEYS due; ARGV most entries to take, prefix of chat keys, prefix of user keys. Takes the expired entries out
     * of all three keys at once, so no other sweep, stop or clear can take them too. Returns chat, user, chat, ...
     */
    static final LuaScript SWEEP = LuaScript.of(NOW + """
            local popped = {}
            for _, entry in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, ARGV[1])) do
              local colon = string.find(entry, ':', 1, true)
              local length = tonumber(string.sub(entry, 1, colon - 1))
              local chat = string.sub(entry, colon + 1, colon + length)
              local user = string.sub(entry, colon + length + 1)
              redis.call('ZREM', KEYS[1], entry)
              redis.call('ZREM', ARGV[2] .. chat, user)
              redis.call('SREM', ARGV[3] .. user, chat)
              popped[#popped + 1] = chat
              popped[#popped + 1] = user
            end
            return popped
            """);

    private TypingScripts() {
    }
}
