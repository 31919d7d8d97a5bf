package mlb.kernel;

import mlb.proc.Runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Runner that answers with recorded outputs, keyed by the command as it would run on the host: `ip -n NS`
 * and `ip netns exec NS` prefixes are taken off first, so one recording serves any target. A command without a
 * recording fails loudly (exit 127, "no fixture for ..."), and is listed in {@link #missing()}.
 */
public final class FixtureRunner implements Runner {
    private final Map<String, Result> answers = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    public FixtureRunner answer(String command, Result result) {
        answers.put(command, result);
        return this;
    }

    public FixtureRunner answer(String command, String stdout) {
        return answer(command, new Result(0, stdout, ""));
    }

    /** Answers with a file from src/test/resources/fixtures. */
    public FixtureRunner answerFromFixture(String command, String fixture) {
        return answer(command, fixture(fixture));
    }

    public static String fixture(String name) {
        try (InputStream in = FixtureRunner.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Result run(List<String> argv, String stdin) {
        String key = String.join(" ", unprefixed(argv));
        calls.add(key);
        inputs.add(stdin);
        Result r = answers.get(key);
        if (r == null) {
            missing.add(key);
            return new Result(127, "", "no fixture for: " + key);
        }
        return r;
    }

    static List<String> unprefixed(List<String> argv) {
        List<String> a = new ArrayList<>(argv);
        if (a.size() >= 4 && a.get(0).equals("ip") && a.get(1).equals("netns") && a.get(2).equals("exec")) {
            return new ArrayList<>(a.subList(4, a.size()));
        }
        if (a.size() >= 3 && a.get(0).equals("ip") && a.get(1).equals("-n")) {
            a.remove(1);
            a.remove(1);
        }
        return a;
    }

    /** Every command run, unprefixed, in order. */
    public synchronized List<String> calls() {
        return calls;
    }

    /** The stdin each call got (null when none), in the order of {@link #calls()}. */
    public List<String> inputs() {
        return inputs;
    }

    public List<String> missing() {
        return missing;
    }
}
