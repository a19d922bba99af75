package dev.shipnotify.infra;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sets levels of the embedded servers' loggers through java.util.logging. Both slf4j providers this
 * module meets end there: slf4j-jdk14 in the standalone run and slf4j-jboss-logmanager (a JUL
 * LogManager) under {@code @QuarkusTest}, so one call works in both.
 */
public final class LogLevels {
    // JUL holds loggers weakly: a level set on a logger nobody references can vanish with it.
    private static final Set<Logger> PINNED = ConcurrentHashMap.newKeySet();

    private LogLevels() {
    }

    public static void set(Level level, String... loggerNames) {
        for (String name : loggerNames) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(level);
            PINNED.add(logger);
        }
    }
}
