package dev.realtime.system;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Makes every commit on H2 reach the database file before the commit returns, whatever H2 URL is configured:
 * the pool's URL gets {@code WRITE_DELAY=0}, and a URL that asks for another write delay stops the start.
 *
 * <p>By default H2 leaves a commit in memory and writes it in the background up to half a second later (MVStore's
 * auto-commit delay), so killing the process loses acknowledged messages and their seqs are given out again.
 * With a delay of 0 the committing thread writes the commit to the file itself. The write reaches the operating
 * system, which is enough for a process crash; H2 does not fsync it, so a power cut can still lose what the system
 * had not yet written out. The URL is where it holds: {@code SET WRITE_DELAY} is undone when the database is
 * opened again. Costs: a file write per commit, and a file that only grows: with no delay H2 runs no background
 * writer, which is also what compacts the file, so each commit leaves garbage that nothing reclaims while the
 * database is open (README, Persistence).
 *
 * <p>Only Spring Boot's pool (Hikari) is seen; an H2 server ({@code jdbc:h2:tcp:}) applies the URL's setting only
 * when this connection is the one that opens the database.
 */
@Component
final class H2DurableCommits implements BeanPostProcessor {

    private static final String SETTING = "WRITE_DELAY";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            pool.setJdbcUrl(durable(pool.getJdbcUrl()));
        }
        return bean;
    }

    /** An H2 URL with {@code WRITE_DELAY=0} added; any other URL as it is. */
    static String durable(String url) {
        if (!url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return url;
        }
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0 && parts[i].substring(0, equals).trim().toUpperCase(Locale.ROOT).equals(SETTING)) {
                if (parts[i].substring(equals + 1).trim().equals("0")) {
                    return url;
                }
                throw new IllegalStateException("The datasource URL sets " + parts[i].trim() + ": H2 would then "
                        + "acknowledge commits it has not written, and lose them if the process dies. Remove it.");
            }
        }
        return url + (url.endsWith(";") ? "" : ";") + SETTING + "=0";
    }
}
