package mlb.lab.traffic;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passive FTP sessions, one after another: a control connection to the FTP port, PASV, and the data connection
 * to the port the 227 reply names. The server tells each connection's source, so the report says whether the
 * data connection left by its control connection's link, as a conntrack helper makes it do.
 */
public final class FtpClient {
    private static final Pattern PASV = Pattern.compile("227 .*\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    private FtpClient() {
    }

    /** Each session's control source and data source, or why it failed. */
    public record Report(int attempted, int same, int different, Map<String, Integer> errors) {
    }

    public static Report run(InetAddress server, int port, int count, Duration timeout) {
        int same = 0, different = 0;
        Map<String, Integer> errors = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            try {
                String[] sources = session(server, port, timeout);
                if (sources[0].equals(sources[1])) same++;
                else different++;
            } catch (IOException | RuntimeException e) {
                errors.merge(Exchange.describe(e), 1, Integer::sum);
            }
        }
        return new Report(count, same, different, errors);
    }

    private static String[] session(InetAddress server, int port, Duration timeout) throws IOException {
        try (Socket control = new Socket()) {
            control.connect(new InetSocketAddress(server, port), (int) timeout.toMillis());
            control.setSoTimeout((int) timeout.toMillis());
            OutputStream out = control.getOutputStream();
            out.write("pasv\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String greeting = TrafficServer.readLine(control.getInputStream());
            if (!greeting.startsWith("220 ")) throw new IOException("no greeting: " + greeting);
            out.write("PASV\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Matcher m = PASV.matcher(TrafficServer.readLine(control.getInputStream()));
            if (!m.find()) throw new IOException("no 227 reply");
            InetAddress data = InetAddress.getByName(m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4));
            int dataPort = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
            try (Socket d = new Socket()) {
                d.connect(new InetSocketAddress(LabAddress.require(data.getHostAddress()), dataPort), (int) timeout.toMillis());
                d.setSoTimeout((int) timeout.toMillis());
                return new String[]{greeting.substring(4), TrafficServer.readLine(d.getInputStream())};
            }
        }
    }
}
