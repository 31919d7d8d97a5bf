package mlb.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build stamped into mlb-version.properties. */
public final class Version implements CommandLine.IVersionProvider {
    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/mlb-version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[]{"mlb " + current()};
    }
}
