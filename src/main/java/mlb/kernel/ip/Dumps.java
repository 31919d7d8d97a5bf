package mlb.kernel.ip;

import mlb.kernel.Readers;
import mlb.proc.Runner;
import mlb.proc.Target;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * `ip` dumps that run at the same time, each awaited by its name: the kernel answers them independently.
 * Batched, the dumps started so far run when the first of them is awaited, as one `ip -batch` per set of
 * options: a process costs more than a dump of a small kernel. Only for a kernel with few routes: in batch mode
 * iproute2 does not ask the kernel to filter a table's dump, it filters all routes itself.
 */
final class Dumps {
    private final Runner runner;
    private final Target target;
    private final boolean batched;
    private final Map<String, CompletableFuture<Runner.Result>> started = new HashMap<>();
    private final Map<String, List<String>> queued = new LinkedHashMap<>();

    Dumps(Runner runner, Target target, boolean batched) {
        this.runner = runner;
        this.target = target;
        this.batched = batched;
    }

    void start(String name, String... args) {
        if (batched) {
            queued.put(name, List.of(args));
            return;
        }
        List<String> argv = target.ip(args);
        started.put(name, Readers.start(() -> runner.run(argv)));
    }

    Runner.Result result(String name) {
        if (queued.containsKey(name)) runQueued();
        return Readers.await(started.get(name));
    }

    /** The queued dumps, one batch per set of options (the words before the object), the batches at the same time. */
    private void runQueued() {
        Map<List<String>, Map<String, String>> byOptions = new LinkedHashMap<>();
        queued.forEach((name, args) -> {
            int object = 0;
            while (object < args.size() && args.get(object).startsWith("-")) object++;
            byOptions.computeIfAbsent(args.subList(0, object), o -> new LinkedHashMap<>())
                    .put(name, String.join(" ", args.subList(object, args.size())));
        });
        queued.clear();
        byOptions.forEach((options, commands) -> {
            CompletableFuture<Map<String, Runner.Result>> batch = Readers.start(() -> batch(options, commands));
            commands.keySet().forEach(name -> started.put(name, batch.thenApply(results -> results.get(name))));
        });
    }

    /**
     * One `ip OPTIONS -force -batch -`: each command prints its dump as one line of JSON. When a command fails
     * its line is missing, and each command of the batch runs on its own instead, to report what went wrong.
     */
    private Map<String, Runner.Result> batch(List<String> options, Map<String, String> commands) {
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-force", "-batch", "-"));
        Runner.Result r = runner.run(target.ip(args.toArray(String[]::new)), String.join("\n", commands.values()) + "\n");
        List<String> lines = r.stdout().lines().filter(l -> !l.isBlank()).toList();
        Map<String, Runner.Result> out = new HashMap<>();
        List<String> names = new ArrayList<>(commands.keySet());
        boolean whole = r.ok() && lines.size() == names.size();
        for (int i = 0; i < names.size(); i++) {
            if (whole) {
                out.put(names.get(i), new Runner.Result(0, lines.get(i), ""));
            } else {
                List<String> single = new ArrayList<>(options);
                single.addAll(List.of(commands.get(names.get(i)).split(" ")));
                out.put(names.get(i), runner.run(target.ip(single.toArray(String[]::new))));
            }
        }
        return out;
    }
}
