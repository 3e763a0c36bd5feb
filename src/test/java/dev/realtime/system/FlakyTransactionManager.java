package dev.realtime.system;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/** A DataSourceTransactionManager whose next commit can be made to fail, after or instead of committing. */
final class FlakyTransactionManager extends DataSourceTransactionManager {

    static final String COMMIT_FAILED = "connection lost while committing";

    private enum NextCommit { COMMITS, FAILS_APPLIED, FAILS_NOT_APPLIED }

    private volatile NextCommit next = NextCommit.COMMITS;

    FlakyTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    /** The next commit fails; {@code applied}: the database committed it all the same (nobody can tell). */
    void failNextCommit(boolean applied) {
        next = applied ? NextCommit.FAILS_APPLIED : NextCommit.FAILS_NOT_APPLIED;
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        NextCommit now = next;
        next = NextCommit.COMMITS;
        if (now == NextCommit.COMMITS) {
            super.doCommit(status);
            return;
        }
        if (now == NextCommit.FAILS_APPLIED) {
            super.doCommit(status);
        } else {
            // Undone here: left open, the connection would commit when cleanup turns auto-commit back on.
            doRollback(status);
        }
        throw new TransactionSystemException(COMMIT_FAILED);
    }
}
