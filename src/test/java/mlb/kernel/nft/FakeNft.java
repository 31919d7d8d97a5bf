package mlb.kernel.nft;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.kernel.Driver;
import mlb.kernel.Reading;
import mlb.kernel.Written;
import mlb.model.Change;
import mlb.model.Foreign;
import mlb.model.Kind;
import mlb.model.NftChain;
import mlb.model.NftElement;
import mlb.model.NftHelper;
import mlb.model.NftObject;
import mlb.model.NftRule;
import mlb.model.NftSet;
import mlb.model.NftTable;
import mlb.model.ObjectKey;
import mlb.model.Scope;

import java.util.ArrayList;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * An in-memory nf_tables for the tests: it runs the script the real nft driver renders, as one transaction,
 * all or nothing, and refuses what the kernel refuses: a chain deleted while it has rules or something jumps to
 * it, a set deleted while a rule uses it, an element added twice or deleted when absent, overlapping interval
 * elements, a rule or element naming a chain, set or helper that does not exist. Rules are taken back as the
 * values they were rendered from (the renderer's text is checked against real nft in NftDriverIT).
 */
public final class FakeNft implements Driver {
    private static final Driver REAL = new NftDriver(null, null);
    private TreeMap<ObjectKey, NftObject> objects = TreeMap.empty();
    private Set<String> foreignTables = HashSet.empty();
    private final java.util.List<String> transactions = new ArrayList<>();
    private final java.util.List<String> rehearsals = new ArrayList<>();
    private Predicate<String> failWhen = l -> false;

    /** Puts an object in directly, as another program (or an earlier mlb) would have. */
    public FakeNft put(NftObject o) {
        objects = objects.put(o.key(), o);
        return this;
    }

    /** A table of someone else's (a firewall's): counted, never read, never touched. */
    public FakeNft foreignTable(String name) {
        foreignTables = foreignTables.add(name);
        return this;
    }

    /** Every object now, of every table. */
    public List<NftObject> objects() {
        return objects.values().toList();
    }

    /** The scripts that took effect, one per transaction. */
    public List<String> transactions() {
        return List.ofAll(transactions);
    }

    /** The scripts sent to be checked and not applied (Driver.rehearse). */
    public List<String> rehearsals() {
        return List.ofAll(rehearsals);
    }

    /** A transaction with a line the predicate accepts fails as a whole. */
    public FakeNft failWhen(Predicate<String> p) {
        failWhen = p;
        return this;
    }

    @Override
    public Set<Kind> kinds() {
        return HashSet.ofAll(Kind.nftKinds());
    }

    @Override
    public Reading read(Scope scope) {
        List<NftObject> mine = objects.values().filter(o -> scope.nftTables().contains(o.table())).toList();
        int foreign = foreignTables.size() + objects.values().filter(o -> o instanceof NftTable t
                && !scope.nftTables().contains(t.name())).size();
        return new Reading(List.narrow(mine), scope.nftTables().isEmpty() ? Foreign.NONE : Foreign.nftTables(foreign));
    }

    @Override
    public Either<String, List<String>> render(List<Change> run) {
        return REAL.render(run);
    }

    @Override
    public Written write(List<Change> changes) {
        List<String> commands = render(changes).get();
        java.util.Map<String, NftRule> rules = new java.util.HashMap<>();
        changes.map(Change::subject).filter(o -> o instanceof NftChain).forEach(c ->
                ((NftChain) c).rules().forEach(r -> rules.put(NftSyntax.rule(r), r)));
        TreeMap<ObjectKey, NftObject> work = objects;
        for (String c : commands) {
            try {
                if (failWhen.test(c)) throw new Refused("injected failure");
                work = new Line(work, c.substring("nft ".length()), rules).run();
            } catch (Refused | IllegalArgumentException e) {
                return new Written(commands, Option.some("nft -f (one transaction, so nothing of it was applied): at `"
                        + c + "`: Error: " + e.getMessage()), true);
            }
        }
        objects = work;
        transactions.add(commands.mkString("\n"));
        return new Written(commands, Option.none(), true);
    }

    @Override
    public void rehearse(List<Change> changes) {
        rehearsals.add(render(changes).get().mkString("\n"));
    }

    @Override
    public int batch() {
        return Integer.MAX_VALUE;
    }

    /** What the kernel answered. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** One command of a transaction, run against the transaction's state so far. */
    private static final class Line {
        private TreeMap<ObjectKey, NftObject> s;
        private final String[] w;
        private final java.util.Map<String, NftRule> rules;
        private final String text;

        Line(TreeMap<ObjectKey, NftObject> s, String text, java.util.Map<String, NftRule> rules) {
            this.s = s;
            this.text = text;
            this.w = text.split(" ");
            this.rules = rules;
        }

        TreeMap<ObjectKey, NftObject> run() {
            if (w.length < 4 || !w[w.length < 3 ? 0 : family()].equals("inet")) throw new Refused("syntax error: " + text);
            String verb = w[0];
            String object = w[1].equals("ct") ? "ct helper" : w[1];
            String table = w[family() + 1];
            if (!object.equals("table") && !s.containsKey(new NftTable(table).key())) throw new Refused("No such file or directory (table " + table + ")");
            switch (verb + " " + object) {
                case "add table" -> s = s.put(new NftTable(table).key(), new NftTable(table));
                case "delete table" -> deleteTable(table);
                case "flush chain" -> flush(chain(table, w[4]));
                case "add chain" -> addChain(table);
                case "delete chain" -> deleteChain(chain(table, w[4]));
                case "add set", "add map" -> addSet(table, object.equals("map"));
                case "delete set", "delete map" -> deleteSet(set(table, w[4]));
                case "add ct helper" -> addHelper(table);
                case "delete ct helper" -> deleteHelper(table, w[5]);
                case "add element" -> addElement(table, w[4]);
                case "delete element" -> deleteElement(table, w[4]);
                case "add rule" -> addRule(chain(table, w[4]));
                default -> throw new Refused("syntax error: " + text);
            }
            return s;
        }

        private int family() {
            return w[1].equals("ct") ? 3 : 2;
        }

        private NftChain chain(String table, String name) {
            return (NftChain) s.get(new ObjectKey(Kind.NFT_CHAIN, table + " " + name)).getOrElseThrow(() -> new Refused("No such file or directory (chain " + name + ")"));
        }

        private NftSet set(String table, String name) {
            return (NftSet) s.get(new ObjectKey(Kind.NFT_SET, table + " " + name)).getOrElseThrow(() -> new Refused("No such file or directory (set " + name + ")"));
        }

        private void deleteTable(String table) {
            s = s.filter((k, o) -> !o.table().equals(table));
        }

        private void flush(NftChain c) {
            s = s.put(c.key(), new NftChain(c.table(), c.name(), c.hook(), List.empty()));
        }

        private void addChain(String table) {
            Option<NftChain.Hook> hook = Option.none();
            if (w.length > 5) {
                // { type T hook H priority P ; policy accept ; }
                hook = Option.some(new NftChain.Hook(NftChain.Hook.Type.valueOf(w[7].toUpperCase(Locale.ROOT)),
                        NftChain.Hook.Point.valueOf(w[9].toUpperCase(Locale.ROOT)), Integer.parseInt(w[11])));
            }
            NftChain c = new NftChain(table, w[4], hook, List.empty());
            Option<NftObject> old = s.get(c.key());
            if (old.isDefined() && !((NftChain) old.get()).hook().equals(hook)) throw new Refused("Device or resource busy (chain " + w[4] + " exists with another hook)");
            if (old.isEmpty()) s = s.put(c.key(), c);
        }

        private void deleteChain(NftChain c) {
            if (!c.rules().isEmpty()) throw new Refused("Device or resource busy (chain " + c.name() + " has rules)");
            boolean jumpedTo = s.values().exists(o -> o instanceof NftChain other && other.rules().exists(r -> jumps(r, c.name()))
                    || o instanceof NftElement e && e.jump().contains(c.name()));
            if (jumpedTo) throw new Refused("Device or resource busy (something jumps to chain " + c.name() + ")");
            s = s.remove(c.key());
        }

        private static boolean jumps(NftRule r, String chain) {
            return r.statement() instanceof NftRule.Jump j && j.chain().equals(chain)
                    || r.statement() instanceof NftRule.Goto g && g.chain().equals(chain);
        }

        private void addSet(String table, boolean map) {
            String def = text.substring(text.indexOf('{'));
            NftSet.KeyType type = def.contains("ipv4_addr") ? NftSet.KeyType.IPV4 : def.contains("ipv6_addr") ? NftSet.KeyType.IPV6
                    : def.contains("type mark") ? NftSet.KeyType.MARK : def.contains("numgen") ? NftSet.KeyType.SLOT : null;
            if (type == null) throw new Refused("syntax error: " + text);
            java.util.regex.Matcher timeout = java.util.regex.Pattern.compile("flags dynamic,timeout ; timeout (\\d+)s").matcher(def);
            NftSet set = new NftSet(table, w[4], type, map, def.contains("flags interval"), timeout.find() ? Long.parseLong(timeout.group(1)) : 0);
            Option<NftObject> old = s.get(set.key());
            if (old.isDefined() && !old.get().equals(set)) throw new Refused("File exists (set " + w[4] + " with another definition)");
            s = s.put(set.key(), set);
        }

        private void deleteSet(NftSet set) {
            boolean used = s.values().exists(o -> o instanceof NftChain c && c.rules().exists(r -> uses(r, set.name())));
            if (used) throw new Refused("Device or resource busy (a rule uses set " + set.name() + ")");
            s = s.remove(set.key()).filter((k, o) -> !(o instanceof NftElement e && e.table().equals(set.table()) && e.set().equals(set.name())));
        }

        private static boolean uses(NftRule r, String set) {
            return r.statement() instanceof NftRule.MapJump m && m.map().equals(set)
                    || r.statement() instanceof NftRule.Remember x && x.set().equals(set)
                    || r.matches().exists(m -> m instanceof NftRule.Address a && a.set().equals(set));
        }

        private void addHelper(String table) {
            // add ct helper inet T N { type "x" protocol p ; l3proto inet ; }
            NftHelper h = new NftHelper(table, w[5], w[8].replace("\"", ""), w[10]);
            if (s.containsKey(h.key()) && !s.get(h.key()).get().equals(h)) throw new Refused("File exists (helper " + h.name() + ")");
            s = s.put(h.key(), h);
        }

        private void deleteHelper(String table, String name) {
            ObjectKey key = new ObjectKey(Kind.NFT_HELPER, table + " " + name);
            if (!s.containsKey(key)) throw new Refused("No such file or directory (helper " + name + ")");
            boolean used = s.values().exists(o -> o instanceof NftChain c && c.rules().exists(r -> r.statement() instanceof NftRule.SetHelper h && h.helper().equals(name)));
            if (used) throw new Refused("Device or resource busy (a rule uses helper " + name + ")");
            s = s.remove(key);
        }

        /** `{ KEY }` or `{ KEY : jump CHAIN }` after the set's name. */
        private NftElement element(NftSet set, boolean adding) {
            String inside = text.substring(text.indexOf('{') + 1, text.lastIndexOf('}')).strip();
            String[] kv = inside.split(" : jump ", 2);
            NftElement.Key key = switch (set.keyType()) {
                case IPV4, IPV6 -> new NftElement.Prefix(kv[0]);
                case MARK -> new NftElement.Mark(Long.parseLong(kv[0].substring(2), 16));
                case SLOT -> kv[0].contains("-") ? new NftElement.Range(Long.parseLong(kv[0].split("-")[0]), Long.parseLong(kv[0].split("-")[1]))
                        : new NftElement.Value(Long.parseLong(kv[0]));
                case OTHER -> throw new Refused("not a set mlb makes");
            };
            // nft deletes a map element by its key alone, and takes the value too
            if (adding && set.map() != (kv.length == 2) || !set.map() && kv.length == 2) throw new Refused("a map element needs a value, a set element has none");
            return new NftElement(set.table(), set.name(), key, kv.length == 2 ? Option.some(kv[1]) : Option.none());
        }

        private void addElement(String table, String setName) {
            NftSet set = set(table, setName);
            NftElement e = element(set, true);
            if (s.containsKey(e.key())) throw new Refused("File exists (element " + e.item().text() + ")");
            e.jump().forEach(c -> chain(table, c));
            if (e.item() instanceof NftElement.Range r && s.values().exists(o -> o instanceof NftElement x && x.set().equals(setName)
                    && x.table().equals(table) && x.item() instanceof NftElement.Range y && y.first() <= r.last() && r.first() <= y.last())) {
                throw new Refused("interval overlaps with an existing one (element " + r.text() + ")");
            }
            s = s.put(e.key(), e);
        }

        private void deleteElement(String table, String setName) {
            NftElement e = element(set(table, setName), false);
            ObjectKey key = e.key();
            if (!s.containsKey(key)) throw new Refused("No such file or directory (element " + e.item().text() + ")");
            s = s.remove(key);
        }

        private void addRule(NftChain c) {
            String words = text.substring(text.indexOf(" " + c.name() + " ") + c.name().length() + 2);
            NftRule r = rules.get(words);
            if (r == null) throw new Refused("syntax error (a rule the fake was not given): " + words);
            if (r.statement() instanceof NftRule.Jump j) chain(c.table(), j.chain());
            if (r.statement() instanceof NftRule.Goto g) chain(c.table(), g.chain());
            if (r.statement() instanceof NftRule.MapJump m) set(c.table(), m.map());
            if (r.statement() instanceof NftRule.Remember x) set(c.table(), x.set());
            if (r.statement() instanceof NftRule.SetHelper h && !s.containsKey(new ObjectKey(Kind.NFT_HELPER, c.table() + " " + h.helper()))) {
                throw new Refused("No such file or directory (helper " + h.helper() + ")");
            }
            r.matches().filter(m -> m instanceof NftRule.Address).forEach(m -> set(c.table(), ((NftRule.Address) m).set()));
            s = s.put(c.key(), new NftChain(c.table(), c.name(), c.hook(), c.rules().append(r)));
        }
    }
}
