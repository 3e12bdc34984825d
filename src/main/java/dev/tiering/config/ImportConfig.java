package dev.tiering.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much one spreadsheet import may hold ({@code tiering.import.*}); its bytes are the body
 * limit's.
 */
@ConfigMapping(prefix = "tiering.import")
public interface ImportConfig {
    /** Most deal rows in one {@code POST /deals/import}. */
    @WithDefault("5000")
    int maxRows();
}
