package dev.realtime.presence;

import dev.realtime.system.ApiException;
import dev.realtime.system.Page;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class PresenceController {

    private static final int MAX_USERS = 200;

    private final PresenceService presence;

    PresenceController(PresenceService presence) {
        this.presence = presence;
    }

    /** {@code GET /api/presence?userIds=a,b}: each user's status, in the order asked. */
    @GetMapping("/api/presence")
    Mono<Page<PresenceService.UserPresence>> presence(@RequestParam String userIds) {
        Set<String> ids = new LinkedHashSet<>(Arrays.stream(userIds.split(",")).map(String::strip)
                .filter(id -> !id.isEmpty()).toList());
        if (ids.isEmpty() || ids.size() > MAX_USERS) {
            throw ApiException.invalid("userIds", "1 to " + MAX_USERS + " comma-separated ids");
        }
        return presence.getStatuses(ids).map(list -> new Page<>(list, false));
    }
}
