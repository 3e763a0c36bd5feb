package dev.realtime.presence;

/** The presence store contract on one node: B is A. */
class InMemoryPresenceStoreTest extends PresenceStoreContract {

    private final InMemoryPresenceStore store = new InMemoryPresenceStore();

    @Override
    protected PresenceStore nodeA() {
        return store;
    }

    @Override
    protected PresenceStore nodeB() {
        return store;
    }
}
