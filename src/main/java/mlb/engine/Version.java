package mlb.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build stamped into mlb-version.properties, as records and `mlb --version` state it. */
public final class Version {
    private Version() {
    }

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/mlb-version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
