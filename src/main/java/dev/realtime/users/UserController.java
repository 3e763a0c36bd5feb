package dev.realtime.users;

import dev.realtime.system.ApiException;
import dev.realtime.system.Blocking;
import dev.realtime.system.LimitsProperties;
import dev.realtime.system.Page;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/users")
class UserController {

    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_QUERY_LENGTH = 32;

    private final UserRepository users;
    private final Blocking blocking;
    private final LimitsProperties limits;

    UserController(UserRepository users, Blocking blocking, LimitsProperties limits) {
        this.users = users;
        this.blocking = blocking;
        this.limits = limits;
    }

    @GetMapping("/me")
    Mono<User> me(@AuthenticationPrincipal CurrentUser me) {
        return find(me.id());
    }

    @GetMapping("/{id}")
    Mono<User> byId(@PathVariable String id) {
        return find(id);
    }

    /**
     * Finds people to chat with: {@code ?username=} the one user of that name (ignoring case; an empty page when
     * there is none), or {@code ?q=} users whose name starts with it, by name, paged with {@code after} = the last
     * username of the previous page.
     */
    @GetMapping
    Mono<Page<User>> search(@RequestParam(required = false) String username,
                            @RequestParam(required = false) String q,
                            @RequestParam(required = false) String after,
                            @RequestParam(required = false) Integer limit) {
        if ((username == null) == (q == null)) {
            throw ApiException.invalid("username", "give either username (exact) or q (prefix), not both");
        }
        if (username != null) {
            requireLength("username", username);
            return blocking.call(() -> users.findCredentials(username)
                    .map(found -> new Page<>(List.of(found.user()), false))
                    .orElseGet(() -> new Page<>(List.of(), false)));
        }
        requireLength("q", q);
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > limits.maxHistoryPage()) {
            throw ApiException.invalid("limit", "must be within 1.." + limits.maxHistoryPage());
        }
        return blocking.call(() -> Page.of(users.searchByPrefix(q, after, size + 1), size));
    }

    private static void requireLength(String field, String value) {
        if (value.isEmpty() || value.length() > MAX_QUERY_LENGTH) {
            throw ApiException.invalid(field, "must be 1 to " + MAX_QUERY_LENGTH + " characters");
        }
    }

    private Mono<User> find(String id) {
        return blocking.call(() -> users.findById(id).orElseThrow(() -> ApiException.notFound("user")));
    }
}
