package mlb.lab.traffic;

import java.util.List;

/**
 * One bulk download. Times are milliseconds since the batch started; source is the address the server saw (empty
 * when the connection never got that far); error is empty when all expected bytes arrived. progress: the bytes
 * received by each of the batch's sample times (DownloadReport.sampledAtMs), empty when not sampled.
 */
public record Download(int id, String server, String source, long expected, long received,
                       double startMs, double firstByteMs, double endMs, String error, List<Long> progress) {
    public Download {
        progress = progress == null ? List.of() : List.copyOf(progress);
    }

    public Download(int id, String server, String source, long expected, long received,
                    double startMs, double firstByteMs, double endMs, String error) {
        this(id, server, source, expected, received, startMs, firstByteMs, endMs, error, List.of());
    }

    public boolean complete() {
        return error.isEmpty() && received == expected;
    }

    /** Bytes per second from the first byte to the last: the line's rate, without connection setup. */
    public double bytesPerSecond() {
        double ms = endMs - firstByteMs;
        return ms <= 0 ? 0 : received / (ms / 1000.0);
    }

    Download withProgress(List<Long> samples) {
        return new Download(id, server, source, expected, received, startMs, firstByteMs, endMs, error, samples);
    }
}
