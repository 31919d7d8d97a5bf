package mlb.compile;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.it.Netns;
import mlb.model.Rule;
import io.vavr.control.Either;
import mlb.model.NftChain;
import mlb.model.NftElement;
import mlb.model.NftObject;
import mlb.model.NftRule;
import mlb.spec.InputProblem;
import mlb.spec.ListFiles;
import mlb.spec.SpecParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Route mode's [[pin]]s compiled: ip rules in file order, to the first live link, balance, or a drop. */
class RoutePinsTest {
    private static final String LINKS = Netns.LINKS;
    private static final String PINS = """
            [[pin]]
            name = "web"
            proto = "tcp"
            dport = [80, "8000-8099"]
            dst = ["198.51.100.0/24", "203.0.113.7/32"]
            links = ["isp2", "isp1"]
            [[pin]]
            name = "dns"
            proto = "udp"
            dport = [53]
            src = ["10.77.1.0/24"]
            links = ["isp1", "balance"]
            """;

    private static final String LISTED = """
            [[pin]]
            name = "listed"
            dst_file = "list.txt"
            proto = "tcp"
            links = ["isp2", "isp1"]
            """;
    private static final ListFiles LIST = new ListFiles() {
        @Override
        public Either<InputProblem, String> text(String name) {
            return Either.right("# two\n198.51.100.0/24\n203.0.113.7\n");
        }

        @Override
        public String shown(String name) {
            return name;
        }
    };

    private static NetState compiled(String spec, Option<Set<String>> live) {
        var parsed = SpecParser.parse(spec, "spec.toml", LIST);
        if (parsed.isInvalid()) throw new AssertionError(parsed.getError().mkString("\n"));
        var c = Compiler.compile(parsed.get(), TestFacts.fourLinks(true), live);
        if (c.isInvalid()) throw new AssertionError(c.getError().mkString("\n"));
        return c.get().desired();
    }

    private static List<String> pinRules(String spec, Option<Set<String>> live) {
        return List.ofAll(compiled(spec, live).all(Rule.class)).filter(r -> r.priority() >= 10040 && r.priority() < 10090)
                .map(r -> r.priority() + r.from().map(f -> " from " + f).getOrElse("")
                        + r.fwmark().map(m -> String.format(" fwmark 0x%x/0x%x", m.value(), m.mask())).getOrElse("")
                        + r.match().text() + " " + (r.action() == Rule.Action.BLACKHOLE ? "blackhole" : "lookup " + r.table()));
    }

    /** mlb's nftables objects of a state: what a failover must not touch. */
    private static List<NftObject> nft(NetState s) {
        return List.ofAll(s.objects().values()).filter(o -> o instanceof NftObject).map(o -> (NftObject) o);
    }

    @Test
    void eachPinHasAPriorityOfItsOwnAndARulePerCombinationOfItsMatches() {
        assertEquals(List.of(
                "10040 to 198.51.100.0/24 ipproto 6 dport 80 lookup 202",
                "10040 to 198.51.100.0/24 ipproto 6 dport 8000-8099 lookup 202",
                "10040 to 203.0.113.7 ipproto 6 dport 80 lookup 202",
                "10040 to 203.0.113.7 ipproto 6 dport 8000-8099 lookup 202",
                "10041 from 10.77.1.0/24 ipproto 17 dport 53 lookup 201"), pinRules(LINKS + PINS, Option.none()).sorted());
    }

    @Test
    void aPinFollowsItsLinksInOrderThenBalancesOrDrops() {
        List<String> isp2Out = pinRules(LINKS + PINS, Option.some(HashSet.of("isp1")));
        assertEquals(List.of("lookup 201"), isp2Out.filter(r -> r.startsWith("10040")).map(r -> r.replaceAll(".* lookup", "lookup")).distinct(),
                "web falls back to isp1");
        List<String> isp1Out = pinRules(LINKS + PINS, Option.some(HashSet.of("isp2")));
        assertEquals(List.of(), isp1Out.filter(r -> r.startsWith("10041")), "dns has no rule: the balancing takes it");
        String dropOnly = LINKS + PINS.replace("links = [\"isp2\", \"isp1\"]", "links = [\"isp2\"]");
        assertEquals(List.of("blackhole"), pinRules(dropOnly, Option.some(HashSet.of("isp1"))).filter(r -> r.startsWith("10040"))
                .map(r -> r.replaceAll(".* ", "")).distinct(), "without balance, a pin whose links are all down drops");
    }

    @Test
    void aPinWithAListFileIsMarkedByNftablesAndHasOneRuleForItsMark() {
        String spec = LINKS + PINS + LISTED;
        assertEquals(List.of("10042 fwmark 0x30000/0xff0000 lookup 202"), pinRules(spec, Option.none()).filter(r -> r.startsWith("10042")));
        NetState all = compiled(spec, Option.none());
        assertEquals(List.of("198.51.100.0"), mlb.model.StateElements.of(all).filter(e -> e.set().equals("pin3_dst_24")).map(e -> e.item().text()).toList());
        assertEquals(List.of("203.0.113.7"), mlb.model.StateElements.of(all).filter(e -> e.set().equals("pin3_dst_32")).map(e -> e.item().text()).toList());
        assertEquals(List.of(), all.all(mlb.model.NftSet.class).filter(x -> !x.name().startsWith("pin3")).toList(),
                "the pins without a list file stay ip rules");
        NftChain pre = all.all(NftChain.class).find(c -> c.name().equals("prerouting")).get();
        assertEquals(List.of("pin3_dst_24", "pin3_dst_32"), pre.rules().map(r -> r.matches().filter(m -> m instanceof NftRule.Address)
                .map(m -> ((NftRule.Address) m).set()).mkString()));
        assertTrue(pre.rules().forAll(r -> r.statement().equals(new NftRule.Goto("pin3"))
                && r.matches().contains(new NftRule.Protocol("tcp"))), pre.toString());
        assertEquals(List.of(NftRule.of(new NftRule.SetMark(false, 0x30000, 0xff0000))),
                all.all(NftChain.class).find(c -> c.name().equals("pin3")).get().rules());
    }

    @Test
    void aListedPinsFailoverChangesItsRuleAndNothingOfNftables() {
        String spec = LINKS + LISTED;
        NetState all = compiled(spec, Option.none());
        NetState isp2Out = compiled(spec, Option.some(HashSet.of("isp1")));
        assertEquals(nft(all), nft(isp2Out));
        assertEquals(List.of("10040 fwmark 0x10000/0xff0000 lookup 202"), pinRules(spec, Option.none()));
        assertEquals(List.of("10040 fwmark 0x10000/0xff0000 lookup 201"), pinRules(spec, Option.some(HashSet.of("isp1"))));
        String isp2Only = LINKS + LISTED.replace("[\"isp2\", \"isp1\"]", "[\"isp2\"]");
        assertEquals(List.of("10040 fwmark 0x10000/0xff0000 blackhole"), pinRules(isp2Only, Option.some(HashSet.of("isp1"))));
    }

    @Test
    void withoutAListFileRouteModeHasNoNftables() {
        assertEquals(List.of(), nft(compiled(LINKS + PINS, Option.none())));
    }

    @Test
    void aMaskWithoutRoomForAListedPinsMarkIsRefused() {
        var parsed = SpecParser.parse("[balancer]\nmark_mask = 0x3\n" + LINKS + PINS
                + "[[pin]]\nname = \"smtp\"\nproto = \"tcp\"\ndport = [25]\nlinks = [\"isp1\"]\n" + LISTED, "spec.toml", LIST);
        var c = Compiler.compile(parsed.get(), TestFacts.fourLinks(true), Option.none());
        assertEquals(List.of("pin 4: mark_mask 0x00000003 has no room for its mark (give it a wider mask)"), c.getError().map(Object::toString));
        assertEquals("pin[3]", c.getError().head().keyPath());
    }
}
