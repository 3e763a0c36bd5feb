package dev.realtime.system;

import com.zaxxer.hikari.HikariDataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Makes every commit on H2 reach the database file before the commit returns, and keeps the database open until
 * the server has drained, whatever H2 URL is configured: the pool's URL gets {@code WRITE_DELAY=0} and
 * {@code DB_CLOSE_ON_EXIT=FALSE} (not with {@code AUTO_SERVER=TRUE}, which H2 refuses it with), and a URL that asks
 * for another value of either stops the start.
 *
 * <p>By default H2 leaves a commit in memory and writes it in the background up to half a second later (MVStore's
 * auto-commit delay), so killing the process loses acknowledged messages and their seqs are given out again.
 * With a delay of 0 the committing thread writes the commit to the file itself. The write reaches the operating
 * system, which is enough for a process crash; H2 does not fsync it, so a power cut can still lose what the system
 * had not yet written out. The URL is where it holds: {@code SET WRITE_DELAY} is undone when the database is
 * opened again. Costs: a file write per commit, and no background writer: with no delay H2 starts none, and that
 * thread is also what compacts the file while it is open, so {@link H2Housekeeping} does that part of its work
 * instead (README, Persistence).
 *
 * <p>Only Spring Boot's pool (Hikari) is seen; an H2 server ({@code jdbc:h2:tcp:}) applies the URL's setting only
 * when this connection is the one that opens the database.
 */
@Component
final class H2DurableCommits implements BeanPostProcessor {

    /**
     * Each setting this class adds, with the only value it accepts. {@code DB_CLOSE_ON_EXIT=FALSE}: H2 otherwise
     * closes the database from a JVM shutdown hook of its own, which runs alongside Spring's, so on SIGTERM the
     * drain's last commits and last-seen times met "Database is already closed"; with it, the database closes when
     * the pool does, after the drain.
     */
    private static final List<Setting> REQUIRED = List.of(
            new Setting("WRITE_DELAY", "0",
                    "H2 would then acknowledge commits it has not written, and lose them if the process dies."),
            new Setting("DB_CLOSE_ON_EXIT", "FALSE",
                    "H2 would then close the database at SIGTERM while the server still drains."));

    private record Setting(String name, String value, String why) {}

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            pool.setJdbcUrl(durable(pool.getJdbcUrl()));
        }
        return bean;
    }

    /** An H2 URL with {@code WRITE_DELAY=0} and {@code DB_CLOSE_ON_EXIT=FALSE} added; any other URL as it is. */
    static String durable(String url) {
        if (!url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return url;
        }
        Map<String, String> given = settings(url);
        // H2 refuses DB_CLOSE_ON_EXIT=FALSE with AUTO_SERVER=TRUE (several processes on one file): its own hook
        // stays, and a drain on such a URL can meet a closed database (README, Persistence).
        boolean autoServer = "TRUE".equalsIgnoreCase(given.get("AUTO_SERVER"));
        StringBuilder durable = new StringBuilder(url);
        for (Setting setting : REQUIRED) {
            String value = given.get(setting.name());
            if (value != null && !value.equalsIgnoreCase(setting.value())) {
                throw new IllegalStateException("The datasource URL sets " + setting.name() + "=" + value + ": "
                        + setting.why() + " Remove it.");
            }
            if (value == null && !(autoServer && setting.name().equals("DB_CLOSE_ON_EXIT"))) {
                if (durable.charAt(durable.length() - 1) != ';') {
                    durable.append(';');
                }
                durable.append(setting.name()).append('=').append(setting.value());
            }
        }
        return durable.toString();
    }

    /** The URL's settings after the first {@code ;}, names upper-cased, names and values trimmed. */
    private static Map<String, String> settings(String url) {
        Map<String, String> settings = new HashMap<>();
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0) {
                settings.put(parts[i].substring(0, equals).trim().toUpperCase(Locale.ROOT),
                        parts[i].substring(equals + 1).trim());
            }
        }
        return settings;
    }
}
