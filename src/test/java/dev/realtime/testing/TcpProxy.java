package dev.realtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on a loopback port in front of a real server, that a test can take down (open connections cut,
 * new ones refused) and bring back on the same port: a database outage without stopping the database. In front of
 * several servers it is a round-robin load balancer: each new connection goes to the next server that accepts it.
 */
public final class TcpProxy implements AutoCloseable {

    private final List<Integer> targetPorts;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, AtomicInteger> forwarded = new ConcurrentHashMap<>();
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    public TcpProxy(int targetPort) {
        this(List.of(targetPort));
    }

    public TcpProxy(List<Integer> targetPorts) {
        this.targetPorts = List.copyOf(targetPorts);
        targetPorts.forEach(target -> forwarded.put(target, new AtomicInteger()));
        this.server = bind(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    public int port() {
        return port;
    }

    /** Connections forwarded to that server so far. */
    public int forwardedTo(int targetPort) {
        return forwarded.get(targetPort).get();
    }

    /** Cuts every connection and refuses new ones. */
    public synchronized void down() {
        closeQuietly(server);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void up() {
        server = bind(port);
        accept(server);
    }

    @Override
    public void close() {
        down();
    }

    /**
     * Keeps a new pair to be cut by the next {@link #down()}, unless a {@code down()} already ran while it was being
     * connected (it would not have seen the pair, which would then outlive the outage): then closes it instead.
     */
    private synchronized boolean register(ServerSocket listening, Socket client, Socket target) {
        if (listening.isClosed()) {
            closeQuietly(client);
            closeQuietly(target);
            return false;
        }
        open.add(client);
        open.add(target);
        return true;
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket listening) {
        daemon("tcp-proxy-accept", () -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket target = connectToNext();
                    if (target == null) {
                        closeQuietly(client);
                        continue;
                    }
                    if (!register(listening, client, target)) {
                        continue;
                    }
                    pipe(client, target);
                    pipe(target, client);
                } catch (IOException e) {
                    // closed by down(), or the target refused: the client sees its connection end
                }
            }
        });
    }

    /** The next server in turn that accepts a connection, or null when none does. */
    private Socket connectToNext() {
        for (int tries = 0; tries < targetPorts.size(); tries++) {
            int target = targetPorts.get(Math.floorMod(next.getAndIncrement(), targetPorts.size()));
            try {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), target);
                forwarded.get(target).incrementAndGet();
                return socket;
            } catch (IOException e) {
                // that server is gone: try the next
            }
        }
        return null;
    }

    private void pipe(Socket from, Socket to) {
        daemon("tcp-proxy-pipe", () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away: end both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
