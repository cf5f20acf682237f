package io.connectionkit.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on the loopback in front of a database, which can go quiet as a network does when a
 * cable is pulled: once frozen, it passes no byte either way and answers no new connection, but
 * closes nothing. Closing the proxy closes every socket.
 */
final class FreezableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    private volatile boolean holdingNew;

    FreezableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptUntilClosed, "freezable-proxy-accept");
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on nothing passes, and a new connection is accepted and left unanswered. */
    void freeze() {
        frozen = true;
    }

    /** From now on a new connection is accepted and left unanswered; those open go on as before. */
    void holdNewConnections() {
        holdingNew = true;
    }

    private void acceptUntilClosed() {
        try {
            while (true) {
                Socket client = server.accept();
                sockets.add(client);
                if (frozen || holdingNew) {
                    continue; // held open, never answered
                }
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(target);
                daemon(() -> pump(client, target), "freezable-proxy-up");
                daemon(() -> pump(target, client), "freezable-proxy-down");
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    /** Copies {@code from} to {@code to} while not frozen; once frozen, what arrives is dropped, as on a dead network. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!frozen) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException closed) {
            // one side closed
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
