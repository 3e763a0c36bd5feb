package dev.realtime.socketio;

/** Answers a client's event that asked for an acknowledgement. Only the first answer is sent. */
public interface Ack {

    /** An acknowledgement nobody asked for: answering it does nothing. */
    Ack NONE = new Ack() {
        @Override
        public boolean requested() {
            return false;
        }

        @Override
        public void send(Object... args) {
        }
    };

    /** Whether the client asked for an acknowledgement, so a failure can be reported some other way when not. */
    boolean requested();

    /** Sends the acknowledgement with these arguments (values Jackson can serialize; byte[] travels as binary). */
    void send(Object... args);
}
