package mlb.history;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A unified diff of two texts, as `git diff` prints one file. */
public final class TextDiff {
    private TextDiff() {
    }

    /** Empty when the texts are equal. */
    public static String unified(String nameA, String a, String nameB, String b) {
        RawText ra = new RawText(a.getBytes(StandardCharsets.UTF_8));
        RawText rb = new RawText(b.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, ra, rb);
        if (edits.isEmpty()) return "";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.format(edits, ra, rb);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return "--- " + nameA + "\n+++ " + nameB + "\n" + out.toString(StandardCharsets.UTF_8);
    }
}
