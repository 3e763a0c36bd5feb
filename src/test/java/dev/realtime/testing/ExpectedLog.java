package dev.realtime.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * What a class logs while a test provokes a failure on purpose: held here for the test to assert on, instead of
 * printing a stack trace into a green run's output. Closing it gives the logger back as it was.
 */
public final class ExpectedLog implements AutoCloseable {

    private final Logger logger;
    private final boolean additive;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }
    };

    private ExpectedLog(Class<?> source) {
        this.logger = (Logger) LoggerFactory.getLogger(source);
        this.additive = logger.isAdditive();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
    }

    /** Holds what {@code source}'s logger writes until closed. */
    public static ExpectedLog of(Class<?> source) {
        return new ExpectedLog(source);
    }

    /** The formatted messages so far, each with its exception's message when it has one; from any thread. */
    public List<String> lines() {
        return events.stream().map(event -> event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : " | " + event.getThrowableProxy().getMessage())).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setAdditive(additive);
        appender.stop();
    }
}
