package dev.realtime.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.presence.*}.
 *
 * @param gracePeriod how long a user's last connection may be gone before the user is offline, so a page
 *                    reload does not flap
 * @param maxQuery    users one {@code GET /api/presence} may ask for
 */
@ConfigurationProperties("realtime.presence")
public record PresenceProperties(@DefaultValue("5s") Duration gracePeriod, @DefaultValue("200") int maxQuery) {
}
