package dev.tiering.bench;

import io.quarkus.bootstrap.logging.InitialConfigurator;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Sets logging up at INFO, as the running service has it, for benchmarks outside Quarkus. Quarkus'
 * bootstrap jar installs a log-context initializer that opens the root logger at ALL and buffers
 * every record in a delayed handler until Quarkus configures logging, which never happens here;
 * Drools then builds and queues a TRACE record for every propagation, and the engine measures
 * several times slower than it runs in the service (a third of the samples in Slf4jLogger.trace).
 * Logging properties files are ignored under that initializer, hence code.
 */
public final class BenchLogging {
    private static boolean done;

    private BenchLogging() {}

    public static synchronized void init() {
        if (done) {
            return;
        }
        LogContext context = LogContext.getLogContext();
        context.getLogger("").setLevel(Level.INFO);
        context.getLogger("org.drools").setLevel(Level.WARNING);
        context.getLogger("org.kie").setLevel(Level.WARNING);
        ConsoleHandler console =
                new ConsoleHandler(new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c{3.}] %s%e%n"));
        console.setLevel(Level.INFO);
        InitialConfigurator.DELAYED_HANDLER.setHandlers(
                new Handler[] {console}); // activates it, drops the buffer
        done = true;
    }
}
