package dev.realtime.system;

import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean(destroyMethod = "close")
    Blocking blocking(LimitsProperties limits) {
        return new Blocking(limits.blockingThreads(), limits.blockingQueue());
    }

    /**
     * A commit that throws is rolled back before its connection goes back to the pool. Otherwise, on a connection
     * that survived the failure, turning auto-commit back on would commit what the caller was told had failed.
     * Boot's JdbcTransactionManager already does so for the SQLExceptions it translates; this covers a
     * TransactionException from any manager, so the promise does not hang on which one is configured.
     */
    @Bean
    TransactionManagerCustomizer<AbstractPlatformTransactionManager> rollbackOnCommitFailure() {
        return manager -> manager.setRollbackOnCommitFailure(true);
    }
}
