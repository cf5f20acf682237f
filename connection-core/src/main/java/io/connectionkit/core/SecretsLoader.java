package io.connectionkit.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Finds and reads the secrets files. Package-private: the registry builds one from its builder
 * settings and calls {@link #load()} at build time and on every reload.
 */
final class SecretsLoader {

    /**
     * @param explicitFiles the builder's {@code secretsFiles(...)}, or {@code null} when not set
     * @param toml          the builder's {@code secretsToml(...)} text, or {@code null}
     * @param home          the user's home directory ({@code ~})
     * @param workingDir    the working directory ({@code .})
     * @param systemProperties where {@code connectionkit.secrets} is read
     * @param environment   where {@code CONNECTIONKIT_SECRETS} is read
     */
    SecretsLoader(List<Path> explicitFiles, String toml, Path home, Path workingDir,
                  Map<String, String> systemProperties, Map<String, String> environment) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The paths to read, in order (later wins). */
    List<Path> paths() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Reads every existing file and the TOML text, and merges them.
     *
     * @throws io.connectionkit.api.ConnectionConfigException for a file that is not valid TOML
     *         or cannot be read, naming the file, line, column and the parser's message
     */
    Secrets load() {
        throw new UnsupportedOperationException("TODO");
    }
}
