package dev.tiering.lifecycle;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reloads the rules when a file in the rule folder (or a subfolder such as {@code scenarios/}) is
 * saved. An editor's save is a burst of events, so it waits until the folder has been quiet for the
 * debounce time; editor temp and backup files do not count. Errors are logged and the watch goes
 * on: it never stops the service. What a change triggers is the caller's ({@code onChange}); the
 * watcher only says when.
 */
public final class RuleWatcher {
    private static final Logger LOG = Logger.getLogger(RuleWatcher.class);

    /** Longest a burst may postpone a reload: a folder that never goes quiet is still picked up. */
    private static final Duration MAX_BURST = Duration.ofSeconds(2);

    private static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final Path folder;
    private final Duration debounce;
    private final Runnable onChange;
    private final Map<WatchKey, Path> dirs = new HashMap<>();
    private WatchService watch;
    private Thread thread;
    private volatile boolean stopping;

    /**
     * @param debounce how long the folder must stay quiet after a change before {@code onChange}
     *     runs
     * @param onChange runs on the watch thread; what it throws is logged and the watch goes on
     */
    public RuleWatcher(Path folder, Duration debounce, Runnable onChange) {
        this.folder = folder;
        this.debounce =
                debounce.isNegative() || debounce.isZero() ? Duration.ofMillis(1) : debounce;
        this.onChange = onChange;
    }

    /** Starts watching the rule folder; a no-op if already watching. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        Path root = folder.toAbsolutePath().normalize();
        try {
            watch = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            LOG.errorf(e, "Cannot watch %s; rules reload only on POST /rules/reload", root);
            return;
        }
        stopping = false;
        registerTree(root);
        thread = new Thread(() -> run(root), "rule-watcher");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Watching %s for rule changes (debounce %d ms)", root, debounce().toMillis());
    }

    /** Stops watching and waits briefly for the thread to end. */
    public synchronized void stop() {
        stopping = true;
        if (watch != null) {
            try {
                watch.close(); // wakes the thread out of poll()
            } catch (IOException e) {
                LOG.debug("closing the watch service", e);
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
        watch = null;
        dirs.clear();
    }

    /** Whether the watch thread is alive. */
    public synchronized boolean running() {
        return thread != null && thread.isAlive();
    }

    private void run(Path root) {
        WatchService service = watch;
        while (!stopping) {
            try {
                WatchKey key = service.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (key == null) {
                    rewatchRootIfGone(root);
                    continue;
                }
                boolean relevant = drain(key);
                // Debounce: wait until no event has come for the debounce time (bounded by
                // MAX_BURST).
                long burstEnd = System.nanoTime() + MAX_BURST.toNanos();
                while (!stopping && System.nanoTime() < burstEnd) {
                    WatchKey next = service.poll(debounce().toMillis(), TimeUnit.MILLISECONDS);
                    if (next == null) {
                        break;
                    }
                    relevant |= drain(next);
                }
                if (relevant && !stopping) {
                    reload();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                break;
            } catch (RuntimeException
                    | Error e) { // never let the watch die, and never take the service down
                LOG.errorf(e, "Rule watcher failed; it goes on watching %s", root);
                pause();
            }
        }
        LOG.debug("Rule watcher stopped");
    }

    private void reload() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Reload after a change in the rule folder failed");
        }
    }

    /**
     * Takes a key's events; registers new subfolders; true if any event concerns a file that is not
     * a temp file.
     */
    private boolean drain(WatchKey key) {
        Path dir = dirs.get(key);
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true; // events were lost: look at the folder anyway
                continue;
            }
            Path name = (Path) event.context();
            if (dir == null || name == null || isIgnored(name.toString())) {
                continue;
            }
            Path child = dir.resolve(name);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                registerTree(child);
            }
            relevant = true;
        }
        if (!key.reset()) {
            dirs.remove(key); // the folder is gone
        }
        return relevant;
    }

    /**
     * Editor temp and backup files: hidden files ({@code .x.swp}, {@code .#x}), Emacs autosaves
     * ({@code #x#}), backups ({@code x~}), Vim swap files and its write test file {@code 4913},
     * {@code *.tmp}, and JetBrains' safe-write files.
     */
    static boolean isIgnored(String name) {
        return name.startsWith(".")
                || name.startsWith("#")
                || name.endsWith("~")
                || name.equals("4913")
                || name.endsWith(".swp")
                || name.endsWith(".swx")
                || name.endsWith(".swo")
                || name.endsWith(".tmp")
                || name.endsWith("___jb_tmp___")
                || name.endsWith("___jb_old___");
    }

    private void registerTree(Path top) {
        try {
            Files.walkFileTree(
                    top,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(
                                Path dir, BasicFileAttributes attrs) {
                            if (!dir.equals(top) && isIgnored(dir.getFileName().toString())) {
                                return FileVisitResult
                                        .SKIP_SUBTREE; // e.g. .git of a rule folder that is a
                                // checkout
                            }
                            register(dir);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE; // removed while we walked
                        }
                    });
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Cannot watch %s: %s", top, e.getMessage());
        }
    }

    private void register(Path dir) {
        try {
            WatchKey key =
                    dir.register(
                            watch,
                            StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
            dirs.put(key, dir);
        } catch (IOException e) {
            LOG.warnf("Cannot watch %s: %s", dir, e.getMessage());
        }
    }

    /**
     * If the rule folder itself was removed and is back (a checkout replaced it), watch it again.
     */
    private void rewatchRootIfGone(Path root) {
        if (!dirs.containsValue(root) && Files.isDirectory(root)) {
            registerTree(root);
            reload();
        }
    }

    private Duration debounce() {
        return debounce;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
