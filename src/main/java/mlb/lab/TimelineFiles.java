package mlb.lab;

import mlb.lab.timeline.SvgTimeline;
import mlb.lab.timeline.Timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where `lab demo` and `lab bench` leave a picture of each cut: NAME.svg in a directory of the lab's prefix that
 * outlives the lab (its run directory goes with it).
 */
final class TimelineFiles {
    private final Path dir;

    TimelineFiles(Path dir) {
        this.dir = dir;
    }

    static TimelineFiles of(Topology t) {
        return new TimelineFiles(LabProcesses.timelinesDir(t.prefix()));
    }

    Path dir() {
        return dir;
    }

    Path write(String name, Timeline timeline) {
        Path file = dir.resolve(name + ".svg");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, SvgTimeline.render(timeline));
            return file;
        } catch (IOException e) {
            throw new LabException(LabException.FAILED, "cannot write the timeline " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A file name from words and settings ("failover", "route", "interval = \"200ms\""): lowercase letters and
     * digits, a setting as its key and value in one word, '-' between words.
     */
    static String name(String... parts) {
        return Arrays.stream(parts).map(p -> p.toLowerCase(Locale.ROOT).replaceAll("[\\s\"]*=[\\s\"]*", "")
                        .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", ""))
                .filter(p -> !p.isEmpty()).collect(Collectors.joining("-"));
    }
}
