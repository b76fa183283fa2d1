package org.planetrewards.spring;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * {@code planet-rewards.watch=true}: reloads when a file in the rules folder, or the settings file,
 * changes. Changes that come together (an editor saving several files) are gathered for a moment and
 * reloaded once. A reload that fails is logged and the running rules stay.
 */
final class RulesWatcher implements SmartLifecycle {
    private static final Log LOG = LogFactory.getLog(RulesWatcher.class);
    /** How long changes are gathered before one reload. */
    private static final long SETTLE_MILLIS = 300;

    private final RulesReloader reloader;
    private final PlanetRewardsProperties properties;
    private volatile WatchService watcher;
    private Thread thread;

    RulesWatcher(RulesReloader reloader, PlanetRewardsProperties properties) {
        this.reloader = reloader;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        try {
            WatchService w = FileSystems.getDefault().newWatchService();
            if (properties.getRules() != null) {
                register(w, properties.getRules());
            }
            if (properties.getSettings() != null) {
                register(w, properties.getSettings().toAbsolutePath().getParent());
            }
            watcher = w;
        } catch (IOException e) {
            throw new IllegalStateException("planet-rewards.watch: cannot watch the rules and settings files: " + e.getMessage(), e);
        }
        thread = new Thread(this::run, "planet-rewards-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private static void register(WatchService w, Path folder) throws IOException {
        folder.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void run() {
        WatchService w = watcher;
        try {
            while (true) {
                WatchKey key = w.take();
                key.pollEvents();
                key.reset();
                for (WatchKey more; (more = w.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    more.pollEvents();
                    more.reset();
                }
                try {
                    int decided = reloader.reload().size();
                    LOG.info("planet-rewards: reloaded the rules after a file change (" + decided + " decisions at once)");
                } catch (RuntimeException refused) {
                    LOG.warn("planet-rewards: the changed rules were not loaded, the running rules stay: " + refused.getMessage());
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // stop() closed the watcher
        }
    }

    @Override
    public synchronized void stop() {
        WatchService w = watcher;
        watcher = null;
        if (w != null) {
            try {
                w.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return watcher != null;
    }
}
