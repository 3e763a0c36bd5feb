package dev.realtime.api;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged application ({@code target/realtime-server-*.jar}, built by {@code package} before Failsafe runs) as
 * a child process on a port of its own choosing, its output in a file under {@code target/crash-it/}. Ready once
 * {@code /api/health} answers. {@link #kill} is {@code kill -9}; {@link #close} makes sure nothing outlives a test.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern STARTED = Pattern.compile("Netty started on port (\\d+)");
    private static final Path LOGS = Path.of("target", "crash-it");

    private final Process process;
    private final Path log;
    private int port;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the jar with {@code arguments} (Spring properties) and returns once it serves requests. */
    static ServerProcess start(String name, List<String> arguments) {
        Path log = LOGS.resolve(name + ".log").toAbsolutePath();
        List<String> command = command(arguments);
        try {
            Files.createDirectories(LOGS);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            ServerProcess server = new ServerProcess(process, log);
            try {
                server.awaitReady();
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs the jar with {@code arguments} until it exits by itself, and returns what it printed. */
    static String runUntilExit(String name, List<String> arguments) {
        Path log = LOGS.resolve(name + ".log").toAbsolutePath();
        try {
            Files.createDirectories(LOGS);
            Process process = new ProcessBuilder(command(arguments)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("server still running after " + START_TIMEOUT + ", see " + log);
            }
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server to exit", e);
        }
    }

    private static List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Starts in a third of the time on a small machine; durability does not depend on the JIT.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
                // Management on a free port too: tests start several servers at once.
                "-jar", jar().toString(), "--server.port=0", "--management.server.port=0",
                // The warm-up runs, briefly: these tests are about what survives a crash, not latency.
                "--realtime.warmup.duration=1s"));
        command.addAll(arguments);
        return command;
    }

    /** The newest application jar under target/; fails saying how to build it when there is none. */
    static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(path -> path.getFileName().toString().matches("realtime-server-.*\\.jar"))
                    .filter(path -> !path.getFileName().toString().matches(".*-(sources|javadoc|plain)\\.jar"))
                    .max(Comparator.comparing(ServerProcess::modified))
                    .orElseThrow(ServerProcess::noJar)
                    .toAbsolutePath();
        } catch (IOException e) {
            throw noJar();
        }
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** What the server printed so far. */
    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM on Linux: the server drains and stops by itself. @return its exit code, once it has exited */
    int terminate(Duration within) {
        process.destroy();
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("server still running " + within + " after SIGTERM, see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the server", e);
        }
    }

    /** SIGKILL on Linux: no shutdown hook, no graceful close of the database; returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("server still running 30s after SIGKILL, see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the server", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() {
        await("server " + log + " listening").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(this::listeningPort, found -> found > 0);
        ApiClient api = new ApiClient(port);
        await("server " + log + " healthy").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .ignoreException(UncheckedIOException.class)
                .until(() -> api.get("/api/health", null).status() == 200);
    }

    private int listeningPort() throws IOException {
        Matcher started = STARTED.matcher(Files.readString(log));
        if (started.find()) {
            port = Integer.parseInt(started.group(1));
            return port;
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("server exited with " + process.exitValue() + " before listening, see "
                    + log);
        }
        return 0;
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalStateException noJar() {
        return new IllegalStateException("no target/realtime-server-*.jar in " + Path.of("").toAbsolutePath()
                + ": run the integration tests through `mvn verify`, whose package phase builds it");
    }
}
