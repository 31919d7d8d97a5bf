package mlb.cli;

import mlb.engine.Version;
import picocli.CommandLine;

/** `mlb --version`. */
final class VersionText implements CommandLine.IVersionProvider {
    static String line() {
        return "mlb " + Version.current();
    }

    @Override
    public String[] getVersion() {
        return new String[]{line()};
    }
}
