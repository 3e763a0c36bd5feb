package dev.realtime.messages;

import dev.realtime.chats.ChatSequence;
import dev.realtime.messages.SendResult.Refused;
import dev.realtime.messages.SendResult.Stored;
import dev.realtime.system.ApiException;
import dev.realtime.system.Blocking;
import dev.realtime.system.Created;
import dev.realtime.system.ErrorCode;
import dev.realtime.system.PersistenceProperties;
import dev.realtime.system.Transactions;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Group commit of sends. A chat always goes to the same one of {@code realtime.persistence.writers} writers; a
 * writer stores what queued for it, up to {@code max-batch} sends, in one transaction ({@link SendBatch}), and once
 * that committed and its events were published starts the next batch at once. So a lone send is written at once,
 * sends that arrive while a transaction runs share the next one, and a chat's sends are stored, published and
 * answered in queue order.
 *
 * <p>Bounded: at most {@code waiting-per-writer} sends may be queued for a writer or being written by it; more are
 * refused with RATE_LIMITED at once. Queueing never blocks and takes no lock, so it may run on an event loop;
 * writers run on the blocking executor.
 */
@Component
class SendBatcher {

    private static final Logger log = LoggerFactory.getLogger(SendBatcher.class);

    /** One writer: its queue, the sends queued or being written, and whether a blocking thread drains it. */
    private static final class Writer {
        final Queue<QueuedSend> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger waiting = new AtomicInteger();
        final AtomicBoolean draining = new AtomicBoolean();
    }

    private final Transactions transactions;
    private final Blocking blocking;
    private final MessageRepository messages;
    private final ChatSequence sequence;
    private final int maxBatch;
    private final int waitingPerWriter;
    private final Writer[] writers;
    private final DistributionSummary batchSize;
    private final Timer stored;
    private final Timer failed;

    SendBatcher(Transactions transactions, Blocking blocking, MessageRepository messages, ChatSequence sequence,
                PersistenceProperties properties, MeterRegistry registry) {
        this.transactions = transactions;
        this.blocking = blocking;
        this.messages = messages;
        this.sequence = sequence;
        this.maxBatch = properties.maxBatch();
        this.waitingPerWriter = properties.waitingPerWriter();
        this.writers = new Writer[properties.writers()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = new Writer();
        }
        this.batchSize = DistributionSummary.builder("realtime.persistence.batch.size")
                .description("Sends stored in one transaction").register(registry);
        this.stored = batchTimer(registry, "stored");
        this.failed = batchTimer(registry, "failed");
    }

    private static Timer batchTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("realtime.persistence.batch")
                .description("Time to store one batch of sends: its transaction, commit included")
                .tag("outcome", outcome).register(registry);
    }

    /** Queues the send when subscribed; the Mono completes once its batch committed. {@code text} is valid. */
    Mono<Created<Message>> send(String senderId, String chatId, String text, String clientMessageId) {
        return Mono.create(answer -> queue(new QueuedSend(senderId, chatId, text, clientMessageId, answer)));
    }

    /** Sends queued for the chat's writer or being written by it. */
    int waiting(String chatId) {
        return writerOf(chatId).waiting.get();
    }

    private void queue(QueuedSend send) {
        Writer writer = writerOf(send.chatId());
        if (writer.waiting.incrementAndGet() > waitingPerWriter) {
            writer.waiting.decrementAndGet();
            send.answer().error(new ApiException(ErrorCode.RATE_LIMITED, "too many sends waiting, retry later"));
            return;
        }
        writer.queue.add(send);
        startIfIdle(writer);
    }

    /**
     * Gives the writer a blocking thread unless one is draining it already. Loops only when the executor refused:
     * then what waits is failed with that refusal rather than left for a drain that never comes.
     */
    private void startIfIdle(Writer writer) {
        while (!writer.queue.isEmpty() && writer.draining.compareAndSet(false, true)) {
            AtomicReference<Throwable> refused = new AtomicReference<>();
            blocking.run(() -> drain(writer)).subscribe(null, refused::set);
            if (refused.get() == null) {
                return;
            }
            List<QueuedSend> waitingSends = new ArrayList<>();
            for (QueuedSend send; (send = writer.queue.poll()) != null; ) {
                waitingSends.add(send);
            }
            fail(writer, waitingSends, refused.get());
            writer.draining.set(false);
        }
    }

    private void drain(Writer writer) {
        try {
            for (List<QueuedSend> batch = take(writer); !batch.isEmpty(); batch = take(writer)) {
                write(writer, batch);
            }
        } finally {
            writer.draining.set(false);
        }
        // A send queued after the last take found the writer draining and left it to this one.
        startIfIdle(writer);
    }

    private List<QueuedSend> take(Writer writer) {
        List<QueuedSend> batch = new ArrayList<>();
        for (QueuedSend send; batch.size() < maxBatch && (send = writer.queue.poll()) != null; ) {
            batch.add(send);
        }
        return batch;
    }

    private void write(Writer writer, List<QueuedSend> batch) {
        SendBatch attempt = new SendBatch(messages, sequence, batch);
        List<SendResult> results;
        batchSize.record(batch.size());
        long start = System.nanoTime();
        try {
            results = transactions.runChecked(attempt::write, attempt::check);
            stored.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (RuntimeException | Error e) {
            failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            // Nothing of the batch is known to be stored: no send of it may be answered ok.
            fail(writer, batch, e);
            if (e instanceof Error error) {
                throw error;
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            SendResult result = results.get(i);
            answer(writer, batch.get(i), sink -> {
                if (result instanceof Stored stored) {
                    sink.success(stored.created());
                } else {
                    sink.error(((Refused) result).error());
                }
            });
        }
    }

    private void fail(Writer writer, List<QueuedSend> sends, Throwable error) {
        for (QueuedSend send : sends) {
            answer(writer, send, sink -> sink.error(error));
        }
    }

    /** One answer whose subscriber throws must not leave the rest of the batch unanswered. */
    private static void answer(Writer writer, QueuedSend send, Consumer<MonoSink<Created<Message>>> how) {
        writer.waiting.decrementAndGet();
        try {
            how.accept(send.answer());
        } catch (RuntimeException e) {
            log.error("answering a send to chat {} failed", send.chatId(), e);
        }
    }

    private Writer writerOf(String chatId) {
        return writers[Math.floorMod(chatId.hashCode(), writers.length)];
    }
}
