package mlb.lab.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Answers the lab protocol (see {@link Protocol}), one thread per connection, at most a bounded number at once. */
public final class TrafficServer implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 1024;
    private static final int CHUNK = 64 * 1024;
    private static final int PIECE = 4 * 1024;
    private static final byte[] ZEROS = new byte[CHUNK];

    private final ServerSocket socket;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lab-conn");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);

    public TrafficServer(InetAddress bind, int port) throws IOException {
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(bind, port), 1024);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Accepts until closed. */
    public void serve() {
        while (!socket.isClosed()) {
            Socket c;
            try {
                c = socket.accept();
            } catch (IOException e) {
                if (socket.isClosed()) return;
                continue;
            }
            if (!slots.tryAcquire()) {
                closeQuietly(c); // overloaded: refuse rather than queue without bound
                continue;
            }
            workers.execute(() -> {
                try (c) {
                    handle(c);
                } catch (IOException e) {
                    // The client went away or timed out; nothing to report on the server side.
                } finally {
                    slots.release();
                }
            });
        }
    }

    private static void handle(Socket c) throws IOException {
        c.setSoTimeout(5_000);
        c.setTcpNoDelay(true);
        String line = readLine(c.getInputStream());
        OutputStream out = c.getOutputStream();
        String source = c.getInetAddress().getHostAddress();
        if (line.equals("whoami")) {
            out.write((source + "\n").getBytes(StandardCharsets.US_ASCII));
        } else if (line.startsWith("get ")) {
            String[] words = line.substring(4).trim().split("\\s+");
            long n = parseSize(words[0]);
            long pace = words.length > 1 ? parseSize(words[1]) : 0;
            out.write((source + "\n").getBytes(StandardCharsets.US_ASCII));
            if (pace > 0) paced(out, n, pace);
            else stream(out, n);
        } else if (line.equals("pasv")) {
            passive(c, out, source);
        } else {
            out.write("error unknown request\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    /**
     * A passive FTP exchange, as far as a conntrack helper reads one: a greeting with the control connection's
     * source, then on the client's PASV a 227 reply with a port, and on the data connection to that port the
     * source the data connection came from. The 227 goes in a segment of its own at a line start, where the
     * kernel's FTP helper looks for it.
     */
    private static void passive(Socket c, OutputStream out, String source) throws IOException {
        out.write(("220 " + source + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        if (!readLine(c.getInputStream()).equalsIgnoreCase("PASV")) return;
        try (ServerSocket data = new ServerSocket(0, 1, c.getLocalAddress())) {
            data.setSoTimeout(5_000);
            byte[] a = c.getLocalAddress().getAddress();
            int port = data.getLocalPort();
            out.write(String.format("227 Entering Passive Mode (%d,%d,%d,%d,%d,%d)\r\n", a[0] & 255, a[1] & 255,
                    a[2] & 255, a[3] & 255, port >> 8, port & 255).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (Socket d = data.accept()) {
                d.getOutputStream().write((d.getInetAddress().getHostAddress() + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static long parseSize(String s) {
        try {
            long n = Long.parseLong(s.trim());
            return Math.max(0, Math.min(n, Protocol.MAX_BYTES));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void stream(OutputStream out, long n) throws IOException {
        long left = n;
        while (left > 0) {
            int k = (int) Math.min(left, CHUNK);
            out.write(ZEROS, 0, k);
            left -= k;
        }
    }

    /**
     * n bytes at about `pace` bytes a second, in small pieces: a flow that never fills the line's queue, so it
     * costs the other connections through that line no drops.
     */
    private static void paced(OutputStream out, long n, long pace) throws IOException {
        long start = System.nanoTime();
        long sent = 0;
        while (sent < n) {
            int k = (int) Math.min(n - sent, PIECE);
            out.write(ZEROS, 0, k);
            out.flush();
            sent += k;
            long due = start + sent * 1_000_000_000L / pace;
            long wait = due - System.nanoTime();
            if (wait > 0) sleep(wait);
        }
    }

    private static void sleep(long nanos) throws IOException {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while pacing");
        }
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Protocol.MAX_LINE; i++) {
            int b = in.read();
            if (b < 0 || b == '\n') break;
            s.append((char) b);
        }
        return s.toString().trim();
    }

    private static void closeQuietly(Socket c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        workers.shutdownNow();
        try {
            workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
