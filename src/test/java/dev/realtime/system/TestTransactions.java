package dev.realtime.system;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;

/** Builds {@link Transactions} for tests of other packages, over the manager and publisher they bring. */
public final class TestTransactions {

    private TestTransactions() {
    }

    public static Transactions over(PlatformTransactionManager manager, Blocking blocking,
                                    ApplicationEventPublisher publisher, PersistenceProperties properties) {
        return new Transactions(manager, blocking, publisher, properties);
    }
}
