package mlb.history;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit as mlb opens repositories with it: without git's system-wide config. To find that file JGit runs
 * `git --version` and `git config --system --show-origin --list` once per process, which costs a short command
 * like `mlb history` a tenth of its time; the audit repository is mlb's own and no system setting is meant to
 * change how it is written, and a spec's provenance (HEAD and whether the file is modified) needs none either.
 * The user's and the repository's own config still apply.
 */
final class JGit {
    private static boolean installed;

    private JGit() {
    }

    /** A repository builder, JGit's system view installed first (once per process: JGit keeps one). */
    static FileRepositoryBuilder builder() {
        install();
        return new FileRepositoryBuilder();
    }

    private static synchronized void install() {
        if (installed) return;
        SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public FileBasedConfig openSystemConfig(Config parent, FS fs) {
                // what JGit itself returns under GIT_CONFIG_NOSYSTEM: a config of no file
                return new FileBasedConfig(parent, null, fs) {
                    @Override
                    public void load() {
                        // nothing to load
                    }

                    @Override
                    public boolean isOutdated() {
                        return false;
                    }
                };
            }
        });
        installed = true;
    }
}
