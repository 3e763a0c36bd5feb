package dev.realtime.engineio;

/** Ends a parked poll with a refusal instead of a payload (it was overtaken by the upgrade to WebSocket). */
public final class PollRefusedException extends RuntimeException {

    private final EngineError error;

    public PollRefusedException(EngineError error) {
        super(error.name(), null, false, false);
        this.error = error;
    }

    public EngineError error() {
        return error;
    }
}
