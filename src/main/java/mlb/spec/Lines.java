package mlb.spec;

import mlb.spec.Node.Pos;

/**
 * Offsets in a text as 1-based line:column, counting only "\n" as a line break, as TOML does. A leading byte
 * order mark takes no column: editors do not show it.
 */
final class Lines {
    static final char BOM = '\uFEFF';

    private final int[] starts;
    private final boolean bom;

    private Lines(String text) {
        int count = 1;
        for (int k = 0; k < text.length(); k++) if (text.charAt(k) == '\n') count++;
        starts = new int[count];
        int line = 1;
        for (int k = 0; k < text.length(); k++) if (text.charAt(k) == '\n') starts[line++] = k + 1;
        bom = !text.isEmpty() && text.charAt(0) == BOM;
    }

    static Lines of(String text) {
        return new Lines(text);
    }

    Pos at(int offset) {
        int line = 0;
        int lo = 0, hi = starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= offset) {
                line = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        int column = offset - starts[line] + 1;
        return new Pos(line + 1, line == 0 && bom && offset > 0 ? column - 1 : column);
    }
}
