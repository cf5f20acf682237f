package io.connectionkit.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code connectionkit.*} properties, from which the auto-configured
 * {@link io.connectionkit.core.ConnectionRegistry} is built. Every one is optional: without any,
 * the registry reads the secrets where {@code Connections} would ({@code ~/.streamlit/secrets.toml}
 * and {@code ./.streamlit/secrets.toml}, or the files {@code CONNECTIONKIT_SECRETS} names).
 */
@ConfigurationProperties("connectionkit")
public class ConnectionKitProperties {

    /**
     * Secrets files to read, in order (a later file wins), instead of the default locations. Plain
     * file paths, relative to the working directory; not Spring resource locations.
     */
    private List<String> secretsFiles = new ArrayList<>();

    /**
     * Whether to re-read the secrets files when one changes, resetting each connection whose
     * [connections.NAME] section changed.
     */
    private boolean watchSecrets = false;

    private final QueryCache queryCache = new QueryCache();

    private final Health health = new Health();

    public List<String> getSecretsFiles() {
        return secretsFiles;
    }

    public void setSecretsFiles(List<String> secretsFiles) {
        this.secretsFiles = secretsFiles;
    }

    public boolean isWatchSecrets() {
        return watchSecrets;
    }

    public void setWatchSecrets(boolean watchSecrets) {
        this.watchSecrets = watchSecrets;
    }

    public QueryCache getQueryCache() {
        return queryCache;
    }

    public Health getHealth() {
        return health;
    }

    /** The cache of query results that all connections of the registry share. */
    public static class QueryCache {

        /**
         * Bound on the estimated size of all cached query results. When not set, 256MB, or a
         * quarter of the maximum heap if that is less.
         */
        private @Nullable DataSize maxSize;

        /**
         * How long a query result is cached when the query gives no ttl of its own. When not set,
         * until it is evicted.
         */
        private @Nullable Duration defaultTtl;

        public @Nullable DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(@Nullable DataSize maxSize) {
            this.maxSize = maxSize;
        }

        public @Nullable Duration getDefaultTtl() {
            return defaultTtl;
        }

        public void setDefaultTtl(@Nullable Duration defaultTtl) {
            this.defaultTtl = defaultTtl;
        }
    }

    /** The health indicator of the configured connections ({@code /actuator/health/connections}). */
    public static class Health {

        /**
         * How long a JDBC connection's validity check may take, once borrowed from its pool; the
         * wait for a pooled connection is bounded by the pool's own timeout (pool_timeout). Whole
         * seconds, at least one.
         */
        private Duration validationTimeout = Duration.ofSeconds(2);

        public Duration getValidationTimeout() {
            return validationTimeout;
        }

        public void setValidationTimeout(Duration validationTimeout) {
            this.validationTimeout = validationTimeout;
        }
    }
}
