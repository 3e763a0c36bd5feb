package dev.realtime.presence;

import dev.realtime.users.CurrentUser;
import dev.realtime.chats.ChatMembership;
import dev.realtime.system.ApiException;
import dev.realtime.system.Page;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class PresenceController {

    private final PresenceService presence;
    private final ChatMembership membership;
    private final int maxUsers;

    PresenceController(PresenceService presence, ChatMembership membership, PresenceProperties properties) {
        this.presence = presence;
        this.membership = membership;
        this.maxUsers = properties.maxQuery();
    }

    /**
     * {@code GET /api/presence?userIds=a,b}: the status of each user asked for who shares a chat with the caller
     * (and of the caller), in the order asked. The others are left out, as ids of no user are: presence is what
     * {@code presence:online} tells contacts, and a stranger learns nothing, not even whether an id exists.
     */
    @GetMapping("/api/presence")
    Mono<Page<PresenceService.UserPresence>> presence(@AuthenticationPrincipal CurrentUser me,
                                                      @RequestParam String userIds) {
        Set<String> ids = new LinkedHashSet<>(Arrays.stream(userIds.split(",")).map(String::strip)
                .filter(id -> !id.isEmpty()).toList());
        if (ids.isEmpty() || ids.size() > maxUsers) {
            throw ApiException.invalid("userIds", "1 to " + maxUsers + " comma-separated ids");
        }
        return membership.contactsOf(me.id()).flatMap(contacts -> {
            List<String> visible = ids.stream().filter(id -> id.equals(me.id()) || contacts.contains(id)).toList();
            return visible.isEmpty() ? Mono.just(List.<PresenceService.UserPresence>of())
                    : presence.getStatuses(visible);
        }).map(list -> new Page<>(list, false));
    }
}
