package io.tripwire.controlplane.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of a real server (e.g. PostgreSQL) that a test can cut and restore,
 * to make the server unreachable for one client without stopping it for everyone else.
 */
public final class TcpProxy implements AutoCloseable {

    private final int port;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    private TcpProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    public static TcpProxy to(int targetPort) {
        TcpProxy proxy = new TcpProxy(ServiceProcess.freePort(), targetPort);
        proxy.restore();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Starts relaying (again) on the same port. */
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
        ServerSocket listening = server;
        Thread.ofVirtual().start(() -> acceptLoop(listening));
    }

    /** Drops every connection and refuses new ones, as an unreachable server would. */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pipe(client, upstream));
                Thread.ofVirtual().start(() -> pipe(upstream, client));
            } catch (IOException e) {
                return; // listener closed by cut()
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // one side closed; close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // already closed
        }
    }
}
