package dev.tiering.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points the embedded H2 database at {@code tiering.data.dir}. H2 wants an absolute path (or one starting with
 * {@code ./}), so the URL is derived here rather than written in application.properties. An explicit
 * {@code quarkus.datasource.jdbc.url} anywhere (e.g. PostgreSQL) still wins: this source has a low ordinal.
 */
public class DataDirConfigSourceFactory implements ConfigSourceFactory {
    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue dir = context.getValue("tiering.data.dir");
        String value = dir == null || dir.getValue() == null ? ServiceConfig.DEFAULT_DATA_DIR : dir.getValue();
        Path db = Path.of(value).toAbsolutePath().normalize().resolve("tiering");
        String url = "jdbc:h2:file:" + db.toString().replace('\\', '/')
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=20000";
        return List.of(new PropertiesConfigSource(Map.of("quarkus.datasource.jdbc.url", url),
                "tiering-data-dir", 150));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }
}
