package dev.realtime.socketio;

import java.util.function.Function;

class InMemoryRoomAdapterTest extends ClusterRoomAdapterContract {

    @Override
    protected Function<Namespace, RoomAdapter> adapters() {
        return InMemoryRoomAdapter::new;
    }

    @Override
    protected boolean clustered() {
        return false;
    }
}
