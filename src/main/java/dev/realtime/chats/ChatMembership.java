package dev.realtime.chats;

import dev.realtime.chats.ChatEvents.ChatCreated;
import dev.realtime.chats.ChatEvents.ChatMemberAdded;
import dev.realtime.chats.ChatEvents.ChatMemberRemoved;
import dev.realtime.system.Transactions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Chat membership for checks made on every realtime event (typing, read receipts), which must not each cost a
 * query. Entries are replaced by this node's membership events at once; a change made through another node is
 * forgotten here when that node says so (see {@link #forget}), and every entry is reloaded after a short time
 * anyway, which bounds how long a change can go unseen if that word is lost.
 */
@Component
public class ChatMembership {

    private static final long TTL_NANOS = 10_000_000_000L;
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(Set<String> members, long loadedAt) {
    }

    private final ChatRepository chats;
    private final Transactions transactions;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    ChatMembership(ChatRepository chats, Transactions transactions) {
        this.chats = chats;
        this.transactions = transactions;
    }

    /** The chat's member ids; empty for an unknown chat. */
    public Mono<Set<String>> members(String chatId) {
        Entry entry = cache.get(chatId);
        if (entry != null && System.nanoTime() - entry.loadedAt() < TTL_NANOS) {
            return Mono.just(entry.members());
        }
        return transactions.read(() -> chats.memberIds(chatId)).map(members -> {
            put(chatId, members);
            return Set.copyOf(members);
        });
    }

    public Mono<Boolean> isMember(String chatId, String userId) {
        return members(chatId).map(members -> members.contains(userId));
    }

    /** Everyone who shares a chat with the user (not cached: used on presence changes only). */
    public Mono<Set<String>> contactsOf(String userId) {
        return transactions.read(() -> chats.contactsOf(userId));
    }

    /** Drops what this node holds of the chat's members; the next check reads them again. */
    public void forget(String chatId) {
        cache.remove(chatId);
    }

    @EventListener
    void on(ChatCreated event) {
        put(event.chat().id(), Set.copyOf(event.chat().memberIds()));
    }

    @EventListener
    void on(ChatMemberAdded event) {
        put(event.chatId(), Set.copyOf(event.chat().memberIds()));
    }

    @EventListener
    void on(ChatMemberRemoved event) {
        put(event.chatId(), Set.copyOf(event.chat().memberIds()));
    }

    private void put(String chatId, Set<String> members) {
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(chatId, new Entry(Set.copyOf(members), System.nanoTime()));
    }
}
