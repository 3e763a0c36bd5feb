package dev.realtime.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.persistence.*}: how work on the database behaves when the database is slow or gone.
 *
 * @param waitingPerChat  sends to one chat (one lock stripe) that may wait for the ones ahead; more are refused
 *                        with RATE_LIMITED instead of queueing without end
 * @param outageBackoff   after the database could not be reached, how long new work fails at once with
 *                        SERVICE_UNAVAILABLE before one more try is made
 * @param commitChecks    reads made to find out whether a send whose commit failed was stored after all
 */
@ConfigurationProperties("realtime.persistence")
public record PersistenceProperties(
        @DefaultValue("64") int waitingPerChat,
        @DefaultValue("1s") Duration outageBackoff,
        @DefaultValue("3") int commitChecks) {

    public PersistenceProperties {
        if (waitingPerChat < 1) {
            throw new IllegalArgumentException("realtime.persistence.waiting-per-chat must be at least 1");
        }
        if (commitChecks < 1) {
            throw new IllegalArgumentException("realtime.persistence.commit-checks must be at least 1");
        }
    }
}
