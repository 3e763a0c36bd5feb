package dev.realtime.chats;

import dev.realtime.chats.ChatEvents.ChatCreated;
import dev.realtime.chats.ChatEvents.ChatMemberAdded;
import dev.realtime.chats.ChatEvents.ChatMemberRemoved;
import dev.realtime.chats.ChatEvents.ChatOwnerChanged;
import dev.realtime.system.ApiException;
import dev.realtime.system.Created;
import dev.realtime.system.ErrorCode;
import dev.realtime.system.LimitsProperties;
import dev.realtime.system.Page;
import dev.realtime.system.TextRules;
import dev.realtime.system.Times;
import dev.realtime.system.Transactions;
import dev.realtime.users.UserRepository;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Chats and their membership: who may see and post where. Every method checks the caller's membership. */
@Service
public class ChatService {

    private static final int MAX_TITLE = 128;

    private final ChatRepository chats;
    private final UserRepository users;
    private final Transactions transactions;
    private final LimitsProperties limits;

    ChatService(ChatRepository chats, UserRepository users, Transactions transactions, LimitsProperties limits) {
        this.chats = chats;
        this.users = users;
        this.transactions = transactions;
        this.limits = limits;
    }

    /** Creates a chat; a direct chat that exists already is returned as it is ({@code isNew} false). */
    public Mono<Created<Chat>> create(String me, String typeName, String title, List<String> memberIds) {
        ChatType type = ChatType.parse(typeName);
        Set<String> members = new LinkedHashSet<>();
        members.add(me);
        if (memberIds != null) {
            memberIds.forEach(id -> {
                if (id == null || id.isBlank()) {
                    throw ApiException.invalid("memberIds", "must not contain empty ids");
                }
                members.add(id);
            });
        }
        String cleanTitle = TextRules.displayText("title", title, MAX_TITLE);
        if (type == ChatType.DIRECT && members.size() != 2) {
            throw ApiException.invalid("memberIds", "a direct chat has exactly one other member");
        }
        if (type == ChatType.GROUP && members.size() > limits.maxGroupMembers()) {
            throw ApiException.invalid("memberIds", "at most " + limits.maxGroupMembers() + " members");
        }
        return transactions.run(events -> {
            requireUsers(members);
            var now = Times.now();
            String owner = type == ChatType.GROUP ? me : null;
            Chat chat = new Chat(UUID.randomUUID().toString(), type, cleanTitle, me, owner, List.copyOf(members), now,
                    0, now, List.of());
            String directKey = type == ChatType.DIRECT ? directKey(members) : null;
            if (directKey != null) {
                var existing = chats.findDirect(directKey);
                if (existing.isPresent()) {
                    return new Created<>(existing.get(), false);
                }
            }
            if (!chats.insert(chat, directKey)) {
                // A failed statement aborts a PostgreSQL transaction: read the winner in a new one.
                throw new RaceLost(directKey);
            }
            Chat stored = chats.find(chat.id()).orElseThrow();
            events.publish(new ChatCreated(stored));
            return new Created<>(stored, true);
        }).onErrorResume(RaceLost.class, e -> transactions.read(
                () -> new Created<>(chats.findDirect(e.directKey).orElseThrow(), false)));
    }

    /** A page of the user's chats, newest activity first; {@code before} is where the previous page ended. */
    public Mono<Page<Chat>> list(String me, ChatCursor before, Integer limit) {
        int size = pageSize(limit);
        return transactions.read(() -> Page.of(chats.findByMember(me, before, size + 1), size));
    }

    public Mono<Chat> get(String me, String chatId) {
        return transactions.read(() -> visible(me, chatId));
    }

    public Mono<Chat> addMembers(String me, String chatId, List<String> userIds) {
        if (userIds == null || userIds.isEmpty()) {
            throw ApiException.invalid("userIds", "must list at least one user");
        }
        return transactions.run(events -> {
            Chat chat = group(me, chatId);
            Set<String> added = new LinkedHashSet<>(userIds);
            added.removeAll(chat.memberIds());
            if (chat.memberIds().size() + added.size() > limits.maxGroupMembers()) {
                throw ApiException.invalid("userIds", "at most " + limits.maxGroupMembers() + " members");
            }
            requireUsers(added);
            Set<String> inserted = chats.addMembers(chatId, added, Times.now());
            Chat updated = chats.find(chatId).orElseThrow();
            inserted.forEach(userId -> events.publish(new ChatMemberAdded(chatId, userId, updated)));
            return updated;
        });
    }

    /**
     * A member may leave; the owner may remove anyone. When the owner leaves, the longest-standing member becomes
     * the owner. The chat's row is locked first, so concurrent removals cannot hand the group to someone leaving.
     */
    public Mono<Chat> removeMember(String me, String chatId, String userId) {
        return transactions.run(events -> {
            chats.lockLastSeq(chatId);
            Chat chat = group(me, chatId);
            if (!me.equals(userId) && !me.equals(chat.ownerId())) {
                throw ApiException.forbidden("only the group's owner removes other members");
            }
            if (!chats.removeMember(chatId, userId)) {
                throw ApiException.notFound("member");
            }
            Chat updated = chats.find(chatId).orElseThrow();
            if (userId.equals(chat.ownerId())) {
                chats.setOwner(chatId, updated.longestStandingMember());
                updated = chats.find(chatId).orElseThrow();
                events.publish(new ChatOwnerChanged(chatId, userId, updated.ownerId(), updated));
            }
            events.publish(new ChatMemberRemoved(chatId, userId, updated));
            return updated;
        });
    }

    /** The chat if the user may see it; 404 when it does not exist, 403 when the user is not a member. */
    public Chat visible(String me, String chatId) {
        Chat chat = chats.find(chatId).orElseThrow(() -> ApiException.notFound("chat"));
        if (!chat.hasMember(me)) {
            throw ApiException.forbidden("not a member of this chat");
        }
        return chat;
    }

    private Chat group(String me, String chatId) {
        Chat chat = visible(me, chatId);
        if (chat.type() != ChatType.GROUP) {
            throw new ApiException(ErrorCode.CONFLICT, "the members of a direct chat cannot change");
        }
        return chat;
    }

    private void requireUsers(Set<String> ids) {
        Set<String> missing = new LinkedHashSet<>(ids);
        missing.removeAll(users.existing(ids));
        if (!missing.isEmpty()) {
            throw ApiException.invalid("memberIds", "unknown users " + new ArrayList<>(missing));
        }
    }

    private int pageSize(Integer limit) {
        if (limit == null) {
            return limits.defaultPage();
        }
        if (limit < 1 || limit > limits.maxHistoryPage()) {
            throw ApiException.invalid("limit", "must be within 1.." + limits.maxHistoryPage());
        }
        return limit;
    }

    private static String directKey(Set<String> members) {
        List<String> sorted = new ArrayList<>(members);
        sorted.sort(null);
        return sorted.get(0) + ":" + sorted.get(1);
    }


    /** Two first creations of the same direct chat raced and this one lost: read the winner's. */
    private static final class RaceLost extends RuntimeException {
        private final String directKey;

        RaceLost(String directKey) {
            super(null, null, false, false);
            this.directKey = directKey;
        }
    }
}
