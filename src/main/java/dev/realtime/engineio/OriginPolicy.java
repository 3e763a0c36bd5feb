package dev.realtime.engineio;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open a session. A request without an Origin header comes from a native client and
 * passes; a browser's request passes when its origin is the server's own (same scheme, host and port as the
 * Host header) or is listed. "*" admits every origin and is never a default.
 */
public final class OriginPolicy {

    private final Set<String> allowed;
    private final boolean any;

    private OriginPolicy(Set<String> allowed) {
        this.allowed = allowed.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
        this.any = allowed.contains("*");
    }

    public static OriginPolicy sameOrigin() {
        return new OriginPolicy(Set.of());
    }

    /** The server's own origin plus the given ones ("https://app.example.com", or "*" for any). */
    public static OriginPolicy allowing(Set<String> origins) {
        return new OriginPolicy(origins);
    }

    /**
     * @param origin the request's Origin header, or null
     * @param host   the request's Host header, or null
     * @param secure whether the request came over TLS
     */
    public boolean allows(String origin, String host, boolean secure) {
        if (origin == null || any) {
            return true;
        }
        String normalized = normalize(origin);
        if (allowed.contains(normalized)) {
            return true;
        }
        return host != null && normalized.equals(normalize((secure ? "https://" : "http://") + host));
    }

    /** Lower-cases scheme and host and drops a default port, so equal origins compare equal. */
    private static String normalize(String origin) {
        if (origin.equals("*")) {
            return origin;
        }
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return origin;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return origin;
        }
    }
}
