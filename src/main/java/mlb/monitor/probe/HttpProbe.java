package mlb.monitor.probe;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP(S) GET through the link: the TCP probe's bound socket, TLS layered over it when asked, and only the
 * status line read. The rtt covers connect, handshake, request and status line.
 */
final class HttpProbe {
    private static final Pattern STATUS = Pattern.compile("HTTP/\\d(?:\\.\\d)? (\\d{3})(?: .*)?");
    private static final int MAX_LINE = 1024;
    private static final SSLSocketFactory UNVERIFIED = unverified();

    private HttpProbe() {
    }

    static Outcome attempt(ProbeLink link, ProbeTarget.Http target, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        long start = System.nanoTime();
        try (Socket plain = TcpProbe.connect(link, target.address(), target.port(), deadline);
             Deadline.Guard guard = deadline.guard(plain)) {
            plain.setSoTimeout(deadline.millisLeft());
            Socket s = target.tls() == ProbeTarget.Tls.NONE ? plain : tls(plain, target);
            s.setSoTimeout(deadline.millisLeft());
            OutputStream out = s.getOutputStream();
            out.write(request(target));
            out.flush();
            String line = statusLine(s.getInputStream());
            Matcher m = STATUS.matcher(line);
            if (!m.matches()) return new Outcome.Failed("not an http response: " + Failures.shorten(printable(line)));
            int status = Integer.parseInt(m.group(1));
            if (status != target.expect()) return new Outcome.Failed("http " + status);
            return new Outcome.Answered(Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            return Failures.of(e, deadline, link.source());
        }
    }

    static byte[] request(ProbeTarget.Http t) {
        String r = "GET " + t.path() + " HTTP/1.1\r\nHost: " + t.hostHeader()
                + "\r\nUser-Agent: mlb-monitor\r\nAccept: */*\r\nConnection: close\r\n\r\n";
        return r.getBytes(StandardCharsets.US_ASCII);
    }

    private static Socket tls(Socket plain, ProbeTarget.Http t) throws IOException {
        SSLSocketFactory factory = t.tls() == ProbeTarget.Tls.VERIFY ? (SSLSocketFactory) SSLSocketFactory.getDefault() : UNVERIFIED;
        SSLSocket s = (SSLSocket) factory.createSocket(plain, t.host(), t.port(), true);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(t.hostIsName() ? List.of(new SNIHostName(t.host())) : List.of());
        if (t.tls() == ProbeTarget.Tls.VERIFY) p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    /** Bytes up to the first CRLF (or LF), at most MAX_LINE of them. */
    static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (line.size() < MAX_LINE) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) throw new IOException("connection closed before a status line");
                break;
            }
            if (b == '\n') break;
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        return s.replaceAll("[^ -~]", "?");
    }

    /** TLS with no certificate check, for targets named only by address (see ProbeTarget.Http.https). */
    private static SSLSocketFactory unverified() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[]{new TrustAll()}, new SecureRandom());
            return c.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
    }

    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
