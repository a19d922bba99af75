package dev.shipnotify.infra;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Logging of the standalone process: slf4j-jdk14 sends every library's slf4j logging to
 * java.util.logging, printed here as one short line each on stderr (stdout carries the summary).
 */
final class StandaloneLogging {
    private StandaloneLogging() {
    }

    static void configure() {
        // SimpleFormatter reads its format once, from this property: set it before the first log record.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$-7s [%3$s] %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new SimpleFormatter());
        console.setLevel(Level.ALL);
        root.addHandler(console);
        root.setLevel(Level.INFO);
    }
}
