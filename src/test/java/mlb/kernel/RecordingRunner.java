package mlb.kernel;

import mlb.proc.Runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs what drivers aimed at the host ask for inside a network namespace instead (`ip -n NS ...`, other
 * programs under `ip netns exec NS`; `ip -V` as it is) and records each answer under the key
 * {@link FixtureRunner} serves it by: how the golden cases are captured from a real kernel.
 */
public final class RecordingRunner implements Runner {
    private final Runner real;
    private final String netns;
    private final Map<String, Result> recorded = new TreeMap<>();

    public RecordingRunner(Runner real, String netns) {
        this.real = real;
        this.netns = netns;
    }

    @Override
    public Result run(List<String> argv, String stdin) {
        List<String> inside = new ArrayList<>();
        if (argv.equals(List.of("ip", "-V"))) {
            inside.addAll(argv);
        } else if (argv.get(0).equals("ip")) {
            inside.addAll(List.of("ip", "-n", netns));
            inside.addAll(argv.subList(1, argv.size()));
        } else {
            inside.addAll(List.of("ip", "netns", "exec", netns));
            inside.addAll(argv);
        }
        Result r = real.run(inside, stdin);
        String key = String.join(" ", argv);
        recorded.put(stdin == null ? key : FixtureRunner.withInput(key, stdin), r);
        return r;
    }

    /** Every answer by its key, sorted. */
    public Map<String, Result> recorded() {
        return recorded;
    }
}
