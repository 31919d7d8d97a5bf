package mlb.spec;

import io.vavr.control.Either;

import java.nio.file.Path;

/**
 * Where a spec's list files (a pin's dst_file, src_file) are read from: paths relative to the spec's folder. The
 * real one reads the file system through SpecFile's checks; tests give texts by name.
 */
public interface ListFiles {
    /** The file's text, or why it cannot be read. */
    Either<InputProblem, String> text(String name);

    /** The path a diagnostic names the file by. */
    String shown(String name);

    /** Files next to the spec (or, for an absolute name, where it says). */
    static ListFiles besides(Path spec) {
        Path folder = spec.toAbsolutePath().getParent();
        return new ListFiles() {
            @Override
            public Either<InputProblem, String> text(String name) {
                return SpecFile.read(folder.resolve(name));
            }

            @Override
            public String shown(String name) {
                Path p = Path.of(name);
                return p.isAbsolute() ? name : spec.resolveSibling(name).toString();
            }
        };
    }
}
