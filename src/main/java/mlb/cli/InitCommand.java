package mlb.cli;

import mlb.init.Draft;
import mlb.init.Init;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Print a first spec from the host's links (devices with a default route or a gateway), "
                + "every guess commented. Changes nothing.")
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    TargetOption target;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the spec to FILE instead of stdout; "
            + "an existing FILE is left as it is (exit 73).")
    Path out;

    @Override
    public Integer call() {
        Target t = target.target();
        View view = main.view(false, "init");
        if (out != null && Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return exists();
        return Main.render(Init.draft(main.env.hostLinks(t), t), view, d -> { }, this::emit);
    }

    private int emit(Draft d) {
        d.warnings().forEach(w -> main.err.println("mlb: warning: " + w));
        if (out == null) {
            main.out.print(d.text());
            main.out.flush();
            return Exit.OK;
        }
        try {
            Files.writeString(out, d.text(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return exists();
        } catch (IOException e) {
            main.err.println("mlb: error: cannot write " + out + ": " + e.getMessage());
            return Exit.CANT_CREATE;
        }
        main.out.println("wrote " + out + " (" + d.found() + (d.found() == 1 ? " uplink" : " uplinks") + " found): check its comments, then: mlb validate -f " + out);
        return Exit.OK;
    }

    private int exists() {
        main.err.println("mlb: error: " + out + " exists: mlb init does not overwrite a file");
        main.err.println("  move it away, or write elsewhere: mlb init -o OTHER");
        return Exit.CANT_CREATE;
    }
}
