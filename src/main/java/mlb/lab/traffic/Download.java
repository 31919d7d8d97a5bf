package mlb.lab.traffic;

/**
 * One bulk download. Times are milliseconds since the batch started; source is the address the server saw (empty
 * when the connection never got that far); error is empty when all expected bytes arrived.
 */
public record Download(int id, String server, String source, long expected, long received,
                       double startMs, double firstByteMs, double endMs, String error) {
    public boolean complete() {
        return error.isEmpty() && received == expected;
    }

    /** Bytes per second from the first byte to the last: the line's rate, without connection setup. */
    public double bytesPerSecond() {
        double ms = endMs - firstByteMs;
        return ms <= 0 ? 0 : received / (ms / 1000.0);
    }
}
