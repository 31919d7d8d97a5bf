package mlb.lab;

import mlb.proc.Runner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** up and down: nothing is left behind, also when the process that built the lab never cleaned up. */
class LabLifecycleIT {
    @Test
    void downAfterACrashRemovesNamespacesAndTheServer() {
        TestLabs.assumeRoot();
        Topology t = TestLabs.topology();
        try {
            // What a crashed `mlb lab up` leaves: namespaces and a running server, and no session to close.
            new Lab(TestLabs.RUNNER, t).up(true, msg -> { });
            long pid = LabProcesses.startServer(t, LabJvm.current());
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertEquals(t.namespaces().size(), Lab.existing(TestLabs.RUNNER, t.prefix()).size());
            assertEquals(t.isps(), Lab.discover(TestLabs.RUNNER, t.prefix()).isps());

            assertEquals(t.namespaces().size(), Lab.down(TestLabs.RUNNER, t.prefix()).size());
            assertEquals(List.of(), Lab.existing(TestLabs.RUNNER, t.prefix()));
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server still running");
            assertEquals(List.of(), Lab.down(TestLabs.RUNNER, t.prefix()), "down is idempotent");
        } finally {
            Lab.down(TestLabs.RUNNER, t.prefix());
        }
    }

    @Test
    void upRefusesToBuildOverAnExistingLab() {
        TestLabs.assumeRoot();
        Topology t = TestLabs.topology();
        try {
            new Lab(TestLabs.RUNNER, t).up(false, msg -> { });
            LabException e = assertThrows(LabException.class, () -> new Lab(TestLabs.RUNNER, t).up(false, msg -> { }));
            assertTrue(e.getMessage().contains("mlb lab down --prefix " + t.prefix()), e.getMessage());
            // A demo or test session on the same prefix refuses too, and leaves the existing lab standing.
            assertThrows(LabException.class, () -> LabSession.open(TestLabs.RUNNER, t, false));
            assertEquals(t.namespaces().size(), Lab.existing(TestLabs.RUNNER, t.prefix()).size());
        } finally {
            Lab.down(TestLabs.RUNNER, t.prefix());
        }
        assertEquals(List.of(), Lab.existing(TestLabs.RUNNER, t.prefix()));
    }

    @Test
    void aFailedBuildLeavesNothing() {
        TestLabs.assumeRoot();
        Topology t = TestLabs.topology();
        // The real runner, except that the first shaper fails, halfway through building.
        Runner failingTc = (argv, stdin) -> argv.get(0).equals("tc")
                ? new Runner.Result(2, "", "simulated tc failure")
                : TestLabs.RUNNER.run(argv, stdin);
        try {
            LabException e = assertThrows(LabException.class, () -> new Lab(failingTc, t).up(false, msg -> { }));
            assertTrue(e.getMessage().contains("simulated tc failure"), e.getMessage());
            assertEquals(List.of(), Lab.existing(TestLabs.RUNNER, t.prefix()));
        } finally {
            Lab.down(TestLabs.RUNNER, t.prefix());
        }
    }
}
