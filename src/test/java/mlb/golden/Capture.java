package mlb.golden;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mlb.kernel.RecordingRunner;
import mlb.proc.Runner;
import mlb.proc.SystemRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes CASE/current.json: plans CASE/spec.toml as GoldenCasesTest does, against the kernel of namespace NS
 * (which cases/capture.sh set up from CASE/setup.ip), recording each command mlb runs and what it printed, and
 * the host's kernel release. Run by capture.sh: java -cp target/mlb.jar:target/test-classes mlb.golden.Capture NS CASE
 */
public final class Capture {
    private Capture() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease"));
        RecordingRunner recording = new RecordingRunner(new SystemRunner(), args[0]);
        GoldenCasesTest.render(Files.readString(dir.resolve("spec.toml")), recording, release.strip());
        ObjectMapper json = new ObjectMapper();
        ObjectNode all = json.createObjectNode();
        all.set(GoldenCasesTest.RELEASE, answer(json, new Runner.Result(0, release, "")));
        for (Map.Entry<String, Runner.Result> e : recording.recorded().entrySet()) all.set(e.getKey(), answer(json, e.getValue()));
        Files.writeString(dir.resolve("current.json"), json.writeValueAsString(all));
    }

    private static ObjectNode answer(ObjectMapper json, Runner.Result r) {
        return json.createObjectNode().put("exit", r.exitCode()).put("stdout", r.stdout()).put("stderr", r.stderr());
    }
}
