package mlb.monitor.probe;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Small servers the probes are tested against: in-process on 127.0.0.1 in the unit tests, and as their own
 * JVM inside a namespace in the integration test ({@link #main}). Each runs on daemon threads until closed.
 */
final class TestServers {
    static final String PASSWORD = "probetest";

    private TestServers() {
    }

    /** Accepts connections and closes them at once (or, silent, holds them open and never writes). */
    static final class Tcp implements AutoCloseable {
        final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        Tcp(InetAddress address, int port, boolean silent) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(address, port));
            daemon(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        if (silent) held.add(s);
                        else s.close();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) s.close();
        }
    }

    /** HTTP/1.1: GET /status/NNN answers NNN, anything else 200; each request's Host and SNI are recorded. */
    static final class Http implements AutoCloseable {
        final ServerSocket server;
        final List<String> hosts = new CopyOnWriteArrayList<>();
        /** The server name of each TLS handshake that completed, empty when the client sent none. */
        final List<Optional<String>> sni = new CopyOnWriteArrayList<>();
        /** Every server name a client asked for, also when it then refused our certificate. */
        final List<String> sniAsked = new CopyOnWriteArrayList<>();

        Http(ServerSocket server) {
            this.server = server;
            daemon(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        daemon(() -> answer(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        static Http plain(InetAddress address, int port) throws IOException {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(address, port));
            return new Http(s);
        }

        static Http tls(InetAddress address, int port, Path keystore) throws IOException {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keystore)) {
                    ks.load(in, PASSWORD.toCharArray());
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, PASSWORD.toCharArray());
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(kmf.getKeyManagers(), null, null);
                SSLServerSocket s = (SSLServerSocket) c.getServerSocketFactory().createServerSocket();
                s.bind(new InetSocketAddress(address, port));
                Http h = new Http(s);
                SSLParameters p = s.getSSLParameters();
                p.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        h.sniAsked.add(((SNIHostName) name).getAsciiName());
                        return true;
                    }
                }));
                s.setSSLParameters(p);
                return h;
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        private void answer(Socket s) {
            try (s) {
                s.setSoTimeout(5000);
                if (s instanceof SSLSocket tls) {
                    tls.startHandshake();
                    List<SNIServerName> names = ((ExtendedSSLSession) tls.getSession()).getRequestedServerNames();
                    sni.add(names.stream().filter(n -> n instanceof SNIHostName).map(n -> ((SNIHostName) n).getAsciiName()).findFirst());
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String request = in.readLine();
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    if (line.regionMatches(true, 0, "Host:", 0, 5)) hosts.add(line.substring(5).strip());
                }
                String path = request == null ? "/" : request.split(" ")[1];
                int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 " + status + " Test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException | RuntimeException e) {
                // A probe that gave up, or a TLS client that refused our certificate.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /**
     * DNS over UDP. By the first label of the question: "nx" answers NXDOMAIN, "fail" SERVFAIL, "silent" nothing,
     * "wrongid" a reply with another id first and then the right one, "onlywrong" only replies with another id;
     * anything else NOERROR. Replies echo the question (with no answer records: the probe reads only the header).
     */
    static final class Dns implements AutoCloseable {
        final DatagramSocket socket;

        Dns(InetAddress address, int port) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(address, port));
            daemon(() -> {
                byte[] buf = new byte[512];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        answer(p);
                    } catch (IOException e) {
                        return;
                    } catch (RuntimeException e) {
                        e.printStackTrace();
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        private void answer(DatagramPacket query) throws IOException {
            byte[] q = java.util.Arrays.copyOf(query.getData(), query.getLength());
            Optional<DnsMessage.Decoded> name = DnsMessage.decodeName(q, q.length, 12);
            if (name.isEmpty()) return;
            String first = name.get().name().split("\\.", 2)[0];
            int id = DnsMessage.u16(q, 0);
            switch (first) {
                case "silent" -> { }
                case "nx" -> send(query, reply(q, id, 3));
                case "fail" -> send(query, reply(q, id, 2));
                case "wrongid" -> {
                    send(query, reply(q, id ^ 0x5555, 0));
                    send(query, reply(q, id, 0));
                }
                case "onlywrong" -> send(query, reply(q, id ^ 0x5555, 0));
                default -> send(query, reply(q, id, 0));
            }
        }

        private static byte[] reply(byte[] q, int id, int rcode) {
            byte[] r = q.clone();
            r[0] = (byte) (id >> 8);
            r[1] = (byte) id;
            r[2] = (byte) (0x80 | (q[2] & 0x01));
            r[3] = (byte) (0x80 | rcode);
            return r;
        }

        private void send(DatagramPacket to, byte[] data) throws IOException {
            socket.send(new DatagramPacket(data, data.length, to.getSocketAddress()));
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** A PKCS12 keystore with a self-signed certificate for CN=probe.test, made by keytool. */
    static Path keystore(Path dir) throws IOException, InterruptedException {
        Path ks = dir.resolve("probe-test.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "probe", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=probe.test", "-ext", "SAN=dns:probe.test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("keytool failed: " + out);
        return ks;
    }

    static void daemon(Runnable r) {
        Thread t = new Thread(r, "test-server");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Serves tcp 7001, http 8080, https 8443 (keystore given) and dns 5353 on the address given, prints
     * "listening" and runs until stdin closes. The integration test starts it inside a namespace.
     */
    public static void main(String[] args) throws Exception {
        InetAddress address = InetAddress.getByName(args[0]);
        List<AutoCloseable> servers = new ArrayList<>();
        servers.add(new Tcp(address, 7001, false));
        servers.add(Http.plain(address, 8080));
        servers.add(Http.tls(address, 8443, Path.of(args[1])));
        servers.add(new Dns(address, 5353));
        System.out.println("listening");
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // Runs until the test closes our stdin (or ends us).
            }
        } catch (SocketException e) {
            // Ends like a closed stdin.
        }
        for (AutoCloseable s : servers) s.close();
    }
}
