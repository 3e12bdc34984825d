package dev.tiering.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Chooses the database at run time, so one jar runs on either: with {@code tiering.db.url} ({@code
 * TIERING_DB_URL}, a PostgreSQL JDBC URL) the datasource {@code pg} is active, else the embedded H2
 * file database under {@code tiering.data.dir} (the default datasource). H2 wants an absolute path,
 * so its URL is derived here rather than written in application.properties.
 *
 * <p>Both {@code active} flags are always written, at every start: values a config source factory
 * gives at build time are baked into the jar as run-time defaults, so a flag left to its default
 * would keep the build machine's choice. This source's ordinal is low: {@code -D}, the environment
 * and application.properties still win.
 */
public class DatabaseConfigSourceFactory implements ConfigSourceFactory {
    /** The datasource that PostgreSQL runs as. */
    public static final String POSTGRES = "pg";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String url = value(context, "tiering.db.url", "");
        boolean postgres = !url.isBlank();
        Map<String, String> properties = new HashMap<>();
        if (postgres) {
            properties.put("quarkus.datasource.\"" + POSTGRES + "\".jdbc.url", url.strip());
        } else {
            String dir = value(context, "tiering.data.dir", ServiceConfig.DEFAULT_DATA_DIR);
            Path db = Path.of(dir).toAbsolutePath().normalize().resolve("tiering");
            properties.put(
                    "quarkus.datasource.jdbc.url",
                    "jdbc:h2:file:"
                            + db.toString().replace('\\', '/')
                            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=20000");
        }
        properties.put("quarkus.datasource.active", Boolean.toString(!postgres));
        properties.put(
                "quarkus.datasource.\"" + POSTGRES + "\".active", Boolean.toString(postgres));
        return List.of(new PropertiesConfigSource(properties, "tiering-database", 150));
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null ? fallback : v.getValue();
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }
}
