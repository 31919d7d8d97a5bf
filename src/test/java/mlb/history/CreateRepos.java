package mlb.history;

import java.nio.file.Path;

/** Run in a child JVM by CreationKillTest: creates audit repos in DIR/0, DIR/1, … until it is killed. */
public final class CreateRepos {
    private CreateRepos() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        System.out.println("go");
        System.out.flush();
        for (int i = 0; ; i++) History.open(dir.resolve(String.valueOf(i))).close();
    }
}
