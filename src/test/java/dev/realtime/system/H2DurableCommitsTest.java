package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class H2DurableCommitsTest {

    private final H2DurableCommits commits = new H2DurableCommits();

    @Test
    void durable_h2UrlWithSettings_addsWriteDelayZero() {
        String url = "jdbc:h2:file:./data/realtime;MODE=PostgreSQL;LOCK_TIMEOUT=10000";

        assertThat(H2DurableCommits.durable(url)).isEqualTo(url + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void durable_h2UrlWithoutSettings_addsWriteDelayZero() {
        assertThat(H2DurableCommits.durable("jdbc:h2:file:/tmp/rt")).isEqualTo("jdbc:h2:file:/tmp/rt;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(H2DurableCommits.durable("jdbc:h2:file:/tmp/rt;")).isEqualTo("jdbc:h2:file:/tmp/rt;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void durable_bothAlreadySet_leavesUrlAsItIs() {
        String url = "jdbc:h2:file:/tmp/rt;write_delay = 0;MODE=PostgreSQL;db_close_on_exit=false";

        assertThat(H2DurableCommits.durable(url)).isEqualTo(url);
    }

    @Test
    void durable_otherWriteDelay_refusesNamingTheSetting() {
        assertThatIllegalStateException()
                .isThrownBy(() -> H2DurableCommits.durable("jdbc:h2:file:/tmp/rt;WRITE_DELAY=500"))
                .withMessageContaining("WRITE_DELAY=500");
    }

    @Test
    void durable_closeOnExit_refusesNamingTheSetting() {
        assertThatIllegalStateException()
                .isThrownBy(() -> H2DurableCommits.durable("jdbc:h2:file:/tmp/rt;DB_CLOSE_ON_EXIT=TRUE"))
                .withMessageContaining("DB_CLOSE_ON_EXIT=TRUE");
    }

    @Test
    void durable_autoServer_addsOnlyWriteDelayWhichH2AllowsThere() {
        String url = "jdbc:h2:file:/tmp/rt;AUTO_SERVER=TRUE";

        assertThat(H2DurableCommits.durable(url)).isEqualTo(url + ";WRITE_DELAY=0");
    }

    @Test
    void durable_otherDatabase_leavesUrlAsItIs() {
        String url = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=write_delay";

        assertThat(H2DurableCommits.durable(url)).isEqualTo(url);
    }

    @Test
    void postProcess_hikariPoolOnH2_urlMadeDurable() {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:h2:mem:rt");

            Object processed = commits.postProcessAfterInitialization(pool, "dataSource");

            assertThat(processed).isSameAs(pool);
            assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:h2:mem:rt;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        }
    }
}
