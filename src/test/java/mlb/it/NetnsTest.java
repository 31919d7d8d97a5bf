package mlb.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A test against a real kernel: a fresh network namespace per test (root only, else skipped with the reason). */
abstract class NetnsTest {
    Netns ns;
    @TempDir
    Path tmp;

    @BeforeEach
    void namespace() {
        Netns.assumeAvailable();
        ns = Netns.create();
    }

    @AfterEach
    void removeNamespace() {
        if (ns != null) ns.close();
    }
}
