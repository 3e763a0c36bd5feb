package dev.realtime.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Faults a real database cannot be made to show on cue: the commit of a transaction that stored a message fails
 * after the database applied it (the connection died while the answer was on its way) or instead of applying it,
 * and new connections are refused. Registered as a bean, it wraps the application's DataSource.
 */
public final class DatabaseFaults implements BeanPostProcessor {

    /** What happens to the next commit of a transaction that inserted a message. */
    public enum CommitFault { NONE, FAIL_AFTER_APPLYING, FAIL_WITHOUT_APPLYING, FAIL_LEAVING_OPEN }

    private final AtomicReference<CommitFault> nextMessageCommit = new AtomicReference<>(CommitFault.NONE);
    private final AtomicBoolean refusing = new AtomicBoolean();
    private final AtomicBoolean refuseAfterFault = new AtomicBoolean();

    public void failNextMessageCommit(CommitFault fault) {
        refuseAfterFault.set(false);
        nextMessageCommit.set(fault);
    }

    /**
     * Like {@link #failNextMessageCommit(CommitFault)}; from that commit on, every connection is refused until
     * {@link #acceptConnections()}. Not a number of refusals: whatever else takes connections meanwhile (the H2
     * housekeeping, presence writes) would use some of them up, and how many is up to the scheduler.
     */
    public void failNextMessageCommitThenRefuseConnections(CommitFault fault) {
        refuseAfterFault.set(true);
        nextMessageCommit.set(fault);
    }

    public void acceptConnections() {
        refuseAfterFault.set(false);
        refusing.set(false);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof FaultyDataSource)) {
            return new FaultyDataSource(dataSource);
        }
        return bean;
    }

    private final class FaultyDataSource extends DelegatingDataSource {

        FaultyDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (refusing.get()) {
                throw new SQLTransientConnectionException("connection refused (injected)", "08001");
            }
            Connection real = super.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new FaultyConnection(real));
        }
    }

    private final class FaultyConnection implements InvocationHandler {

        private final Connection real;
        private final AtomicBoolean insertedMessage = new AtomicBoolean();

        FaultyConnection(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("prepareStatement") && args != null && args[0] instanceof String sql
                    && sql.toLowerCase(Locale.ROOT).startsWith("insert into messages")) {
                insertedMessage.set(true);
            }
            if (name.equals("commit") && insertedMessage.getAndSet(false)) {
                CommitFault fault = nextMessageCommit.getAndSet(CommitFault.NONE);
                if (fault != CommitFault.NONE && refuseAfterFault.getAndSet(false)) {
                    refusing.set(true);
                }
                if (fault == CommitFault.FAIL_AFTER_APPLYING) {
                    real.commit();
                    throw new SQLException("connection reset while committing (injected)", "08006");
                }
                if (fault == CommitFault.FAIL_WITHOUT_APPLYING) {
                    real.rollback();
                    throw new SQLException("connection reset before committing (injected)", "08006");
                }
                if (fault == CommitFault.FAIL_LEAVING_OPEN) {
                    // The connection lives on with the transaction pending: whoever turns auto-commit back on
                    // without rolling back first commits what was reported as failed.
                    throw new SQLException("commit refused (injected)", "40001");
                }
            }
            if (name.equals("rollback") || name.equals("close")) {
                insertedMessage.set(false);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
