package dev.tiering.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Feeds the embedded user store (HTTP Basic) with the analyst and admin passwords of {@link
 * Credentials}; the roles are fixed in application.properties.
 */
public class UsersConfigSourceFactory implements ConfigSourceFactory {
    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String analyst =
                Credentials.password(
                        Credentials.ANALYST, value(context, "tiering.analyst.password"));
        String admin =
                Credentials.password(Credentials.ADMIN, value(context, "tiering.admin.password"));
        return List.of(
                new PropertiesConfigSource(
                        Map.of(
                                "quarkus.security.users.embedded.users.analyst", analyst,
                                "quarkus.security.users.embedded.users.admin", admin),
                        "tiering-users",
                        150));
    }

    private static String value(ConfigSourceContext context, String key) {
        ConfigValue v = context.getValue(key);
        return v == null ? null : v.getValue();
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }
}
