package mlb.cli;

import mlb.engine.Version;
import picocli.CommandLine;

/** `mlb --version`. */
final class VersionText implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"mlb " + Version.current()};
    }
}
