package dev.realtime.chats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chats.ChatEvents.ChatCreated;
import dev.realtime.chats.ChatEvents.ChatMemberAdded;
import dev.realtime.chats.ChatEvents.ChatMemberRemoved;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The membership cache: reads once, trusts for the TTL, follows this node's events, forgets on word from others. */
class ChatMembershipTest {

    private final Map<String, Set<String>> database = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();

    private ChatMembership membership(Duration ttl, int size) {
        return new ChatMembership(chatId -> {
            reads.add(chatId);
            return Mono.just(database.getOrDefault(chatId, Set.of()));
        }, userId -> {
            reads.add("contacts:" + userId);
            return Mono.just(Set.of("contact-of-" + userId));
        }, now::get, new ChatProperties(ttl, size));
    }

    private ChatMembership membership() {
        return membership(Duration.ofSeconds(10), 100);
    }

    @Test
    void members_readOnce_thenFromCacheWithinTtl() {
        database.put("c1", Set.of("alice", "bob"));
        ChatMembership membership = membership();

        Set<String> first = membership.members("c1").block();
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        Set<String> second = membership.members("c1").block();

        assertThat(first).containsExactlyInAnyOrder("alice", "bob");
        assertThat(second).isEqualTo(first);
        assertThat(reads).containsExactly("c1");
    }

    @Test
    void members_afterTtl_readAgain() {
        database.put("c1", Set.of("alice"));
        ChatMembership membership = membership();
        membership.members("c1").block();
        database.put("c1", Set.of("alice", "carol"));

        now.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(membership.members("c1").block()).containsExactlyInAnyOrder("alice", "carol");
        assertThat(reads).containsExactly("c1", "c1");
    }

    @Test
    void unknownChat_noMembers() {
        assertThat(membership().members("nothing").block()).isEmpty();
        assertThat(membership().isMember("nothing", "alice").block()).isFalse();
    }

    @Test
    void eventsOfThisNode_replaceTheEntryWithoutARead() {
        ChatMembership membership = membership();

        membership.on(new ChatCreated(chat("c1", "alice", "bob")));
        membership.on(new ChatMemberAdded("c1", "carol", chat("c1", "alice", "bob", "carol")));
        membership.on(new ChatMemberRemoved("c1", "bob", chat("c1", "alice", "carol")));

        assertThat(membership.members("c1").block()).containsExactlyInAnyOrder("alice", "carol");
        assertThat(membership.isMember("c1", "bob").block()).isFalse();
        assertThat(reads).isEmpty();
    }

    @Test
    void forget_nextCheckReadsTheDatabase() {
        database.put("c1", Set.of("alice"));
        ChatMembership membership = membership();
        membership.members("c1").block();
        database.put("c1", Set.of());

        membership.forget("c1");

        assertThat(membership.isMember("c1", "alice").block()).isFalse();
        assertThat(reads).containsExactly("c1", "c1");
    }

    @Test
    void fullCache_startsOver_soItStaysBounded() {
        ChatMembership membership = membership(Duration.ofSeconds(10), 2);
        membership.on(new ChatCreated(chat("c1", "alice")));
        membership.on(new ChatCreated(chat("c2", "alice")));

        membership.on(new ChatCreated(chat("c3", "alice")));
        database.put("c1", Set.of("alice", "bob"));

        assertThat(membership.members("c3").block()).containsExactly("alice");
        assertThat(membership.members("c1").block()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(reads).containsExactly("c1");
    }

    @Test
    void contactsOf_notCached_readEveryTime() {
        ChatMembership membership = membership();

        membership.contactsOf("alice").block();

        assertThat(membership.contactsOf("alice").block()).containsExactly("contact-of-alice");
        assertThat(reads).containsExactly("contacts:alice", "contacts:alice");
    }

    private static Chat chat(String id, String... members) {
        OffsetDateTime at = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        return new Chat(id, ChatType.GROUP, null, members[0], members[0], List.of(members), at, 0, at, List.of());
    }
}
