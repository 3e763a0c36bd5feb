package dev.realtime.system;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second server started on the same embedded database fails on H2's file lock (error 90020) while the pool
 * starts, long before the port could clash: say that in one paragraph instead of the same lock in every stack
 * trace of the log.
 */
public final class DatabaseInUseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    static final String H2_DATABASE_ALREADY_OPEN = "90020";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        if (!H2_DATABASE_ALREADY_OPEN.equals(cause.getSQLState())) {
            return null;
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
        return new FailureAnalysis(
                "The embedded H2 database is in use by another process (another server on this machine?): " + message,
                "Stop the server that uses it, or give this one a database of its own, for example "
                        + "--spring.datasource.url=jdbc:h2:file:./data/second.",
                cause);
    }
}
