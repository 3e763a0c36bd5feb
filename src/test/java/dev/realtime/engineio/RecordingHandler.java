package dev.realtime.engineio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A SessionHandler that only remembers what it was told; readable from the test thread while timers call it. */
final class RecordingHandler implements SessionHandler {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<byte[]> binaries = new CopyOnWriteArrayList<>();
    private final List<String> closeReasons = new CopyOnWriteArrayList<>();
    private volatile Consumer<String> reaction = text -> { };

    /** Also runs {@code reaction} on each message, after recording it, as an application reacting to it would. */
    RecordingHandler reactingTo(Consumer<String> onMessage) {
        this.reaction = onMessage;
        return this;
    }

    @Override
    public void onMessage(String text) {
        messages.add(text);
        reaction.accept(text);
    }

    @Override
    public void onBinary(byte[] data) {
        binaries.add(data);
    }

    @Override
    public void onClose(String reason) {
        closeReasons.add(reason);
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    List<byte[]> binaries() {
        return List.copyOf(binaries);
    }

    List<String> closeReasons() {
        return List.copyOf(closeReasons);
    }
}
