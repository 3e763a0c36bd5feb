package dev.realtime.testing;

import java.nio.file.Path;
import java.util.UUID;

/** H2 file databases for tests: each in its own new directory under target/, in the mode the app documents. */
public final class H2Files {

    private H2Files() {
    }

    /** The JDBC URL of a database in a directory no other run uses. */
    public static String newDatabaseUrl(String owner) {
        Path directory = Path.of("target", "it-h2", owner + "-" + UUID.randomUUID()).toAbsolutePath();
        return "jdbc:h2:file:" + directory.resolve("rt")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
    }
}
