package mlb.kernel.ip;

import mlb.kernel.Readers;
import mlb.proc.Runner;
import mlb.proc.Target;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** `ip` dumps that run at the same time, each awaited by its name: the kernel answers them independently. */
final class Dumps {
    private final Runner runner;
    private final Target target;
    private final Map<String, CompletableFuture<Runner.Result>> started = new HashMap<>();

    Dumps(Runner runner, Target target) {
        this.runner = runner;
        this.target = target;
    }

    void start(String name, String... args) {
        List<String> argv = target.ip(args);
        started.put(name, Readers.start(() -> runner.run(argv)));
    }

    Runner.Result result(String name) {
        return Readers.await(started.get(name));
    }
}
