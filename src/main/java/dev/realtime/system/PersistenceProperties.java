package dev.realtime.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.persistence.*}: how work on the database behaves when the database is slow or gone, and how sends
 * are written.
 *
 * @param waitingPerWriter sends that may be queued for one writer or being written by it; more are refused with
 *                        RATE_LIMITED instead of queueing without end
 * @param outageBackoff   after the database could not be reached, how long new work fails at once with
 *                        SERVICE_UNAVAILABLE before one more try is made
 * @param commitChecks    reads made to find out whether a send whose commit failed was stored after all
 * @param writers         sends are written by this many writers, each one transaction at a time; a chat always
 *                        goes to the same writer
 * @param maxBatch        most queued sends one writer stores in one transaction
 */
@ConfigurationProperties("realtime.persistence")
public record PersistenceProperties(
        @DefaultValue("2000") int waitingPerWriter,
        @DefaultValue("1s") Duration outageBackoff,
        @DefaultValue("3") int commitChecks,
        @DefaultValue("4") int writers,
        @DefaultValue("256") int maxBatch) {

    public PersistenceProperties {
        if (waitingPerWriter < 1) {
            throw new IllegalArgumentException("realtime.persistence.waiting-per-writer must be at least 1");
        }
        if (commitChecks < 1) {
            throw new IllegalArgumentException("realtime.persistence.commit-checks must be at least 1");
        }
        if (writers < 1) {
            throw new IllegalArgumentException("realtime.persistence.writers must be at least 1");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("realtime.persistence.max-batch must be at least 1");
        }
    }
}
