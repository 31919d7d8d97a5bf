package mlb.lab.traffic;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One request on a fresh connection: connect (bounded), send the line, read the server's source line. */
final class Exchange implements AutoCloseable {
    final Socket socket;
    final String source;

    private Exchange(Socket socket, String source) {
        this.socket = socket;
        this.source = source;
    }

    static Exchange open(InetAddress server, int port, String request, Duration timeout) throws IOException {
        return open(server, port, request, timeout, timeout);
    }

    /** connect bounds the handshake, answer the wait for the server's line once connected. */
    static Exchange open(InetAddress server, int port, String request, Duration connect, Duration answer) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(server, port), (int) connect.toMillis());
            s.setSoTimeout((int) answer.toMillis());
            OutputStream out = s.getOutputStream();
            out.write((request + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String source = TrafficServer.readLine(s.getInputStream());
            if (source.isEmpty()) throw new IOException("server closed without an answer");
            return new Exchange(s, source);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A short, stable name for a failure, so failures can be counted by kind. */
    static String describe(Throwable e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (m == null || m.isBlank()) return kind;
        int cut = m.indexOf(" (");
        return kind + ": " + (cut > 0 ? m.substring(0, cut) : m);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
