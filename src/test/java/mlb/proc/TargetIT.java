package mlb.proc;

import mlb.it.ChildJvm;
import mlb.it.Netns;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;

/** Programs for a namespace run through `ip netns exec` unless this process already runs inside that namespace. */
class TargetIT {
    /** Prints the argv a target of the namespace named in args[0] would run nft with, as seen from where it runs. */
    public static void main(String[] args) {
        System.out.println(String.join(" ", Target.netns(args[0]).exec("nft", "-f", "-")));
    }

    @Test
    void insideItsNamespaceAProgramRunsDirectly() throws Exception {
        Netns.assumeAvailable();
        try (Netns ns = Netns.create(); Netns other = Netns.create()) {
            assertEquals("ip netns exec " + ns.name + " nft -f -", String.join(" ", Target.netns(ns.name).exec("nft", "-f", "-")),
                    "from the host's namespace");
            assertEquals("nft -f -", argvSeenFrom(ns.name, ns.name), "from inside it");
            assertEquals("ip netns exec " + other.name + " nft -f -", argvSeenFrom(ns.name, other.name), "from inside another one");
        }
    }

    static String argvSeenFrom(String where, String target) throws Exception {
        return String.join("\n", ChildJvm.runIn(where, TargetIT.class, target));
    }
}
