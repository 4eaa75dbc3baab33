package io.tripwire.controlplane.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real, throw-away redis-server on a spare loopback port, so tests can stop Redis under a client
 * without touching the shared server. Its port and pid live in JVM system properties, so the test
 * class and a Quarkus test profile (loaded by different class loaders) control the same server.
 */
public final class SpareRedis implements AutoCloseable {

    private final int port;

    private SpareRedis(int port) {
        this.port = port;
    }

    public static SpareRedis onFreePort() {
        return new SpareRedis(freePort());
    }

    /** The one spare server called {@code name} in this JVM. */
    public static synchronized SpareRedis shared(String name) {
        String property = "test-support.spare-redis." + name + ".port";
        String port = System.getProperty(property);
        if (port == null) {
            port = Integer.toString(freePort());
            System.setProperty(property, port);
        }
        return new SpareRedis(Integer.parseInt(port));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server unless it is already running. */
    public synchronized SpareRedis start() {
        if (reachable()) {
            return this;
        }
        try {
            Path dir = Files.createTempDirectory("spare-redis");
            Process process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            System.setProperty(pidProperty(), Long.toString(process.pid()));
            // A shared spare server outlives its test classes: it must not outlive the test JVM.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "spare-redis-" + port + "-stop"));
        } catch (IOException e) {
            throw new IllegalStateException("redis-server not startable", e);
        }
        awaitReachable(true);
        return this;
    }

    /** Kills the server hard (SIGKILL), as a crash would. */
    public synchronized void kill() {
        String pid = System.getProperty(pidProperty());
        if (pid != null) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(handle -> {
                handle.destroyForcibly();
                handle.onExit().join();
            });
            System.clearProperty(pidProperty());
        }
        awaitReachable(false);
    }

    @Override
    public void close() {
        kill();
    }

    private String pidProperty() {
        return "test-support.spare-redis." + port + ".pid";
    }

    private boolean reachable() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitReachable(boolean wanted) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (reachable() == wanted) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("redis on " + port + " did not become " + (wanted ? "reachable" : "unreachable"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
