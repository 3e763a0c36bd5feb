package dev.realtime.chats;

import dev.realtime.chats.ChatEvents.ChatCreated;
import dev.realtime.chats.ChatEvents.ChatMemberAdded;
import dev.realtime.chats.ChatEvents.ChatMemberRemoved;
import dev.realtime.system.Transactions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
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

    private record Entry(Set<String> members, long loadedAt) {
    }

    private final Function<String, Mono<Set<String>>> load;
    private final Function<String, Mono<Set<String>>> contacts;
    private final LongSupplier nanoTime;
    private final long ttlNanos;
    private final int maxEntries;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    @Autowired
    ChatMembership(ChatRepository chats, Transactions transactions, ChatProperties properties) {
        this(chatId -> transactions.read(() -> chats.memberIds(chatId)),
                userId -> transactions.read(() -> chats.contactsOf(userId)), System::nanoTime, properties);
    }

    /** @param load a chat's member ids, read from the database; {@code contacts} likewise for a user's contacts */
    ChatMembership(Function<String, Mono<Set<String>>> load, Function<String, Mono<Set<String>>> contacts,
                   LongSupplier nanoTime, ChatProperties properties) {
        this.load = load;
        this.contacts = contacts;
        this.nanoTime = nanoTime;
        this.ttlNanos = properties.membershipTtl().toNanos();
        this.maxEntries = properties.membershipCache();
    }

    /** The chat's member ids; empty for an unknown chat. */
    public Mono<Set<String>> members(String chatId) {
        Entry entry = cache.get(chatId);
        if (entry != null && nanoTime.getAsLong() - entry.loadedAt() < ttlNanos) {
            return Mono.just(entry.members());
        }
        return load.apply(chatId).map(members -> {
            put(chatId, members);
            return Set.copyOf(members);
        });
    }

    public Mono<Boolean> isMember(String chatId, String userId) {
        return members(chatId).map(members -> members.contains(userId));
    }

    /** Everyone who shares a chat with the user (not cached: used on presence changes only). */
    public Mono<Set<String>> contactsOf(String userId) {
        return contacts.apply(userId);
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
        if (cache.size() >= maxEntries) {
            cache.clear();
        }
        cache.put(chatId, new Entry(Set.copyOf(members), nanoTime.getAsLong()));
    }
}
