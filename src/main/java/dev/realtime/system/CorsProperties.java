package dev.realtime.system;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.cors.*}: browser origins allowed besides the server's own. Requests without an Origin header
 * (native clients) always pass. "*" allows any origin; it is never the default.
 */
@ConfigurationProperties("realtime.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {
}
