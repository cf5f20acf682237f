package io.connectionkit.core;

import io.connectionkit.api.ConnectionConfigException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds and reads the secrets files. Package-private: the registry builds one from its builder
 * settings and calls {@link #load()} at build time and on every reload.
 *
 * <p>Locations, later wins: {@code ~/.streamlit/secrets.toml} then
 * {@code <workingDir>/.streamlit/secrets.toml}. The first of these that is set replaces them
 * entirely: the builder's files, the system property {@value #PROPERTY}, the environment variable
 * {@value #ENVIRONMENT_VARIABLE} (both a list separated by {@link File#pathSeparator}; a blank
 * value counts as not set). Relative paths resolve against the working directory, {@code ~/}
 * against the home directory. The TOML text comes after every file and wins.
 */
final class SecretsLoader {

    static final String PROPERTY = "connectionkit.secrets";
    static final String ENVIRONMENT_VARIABLE = "CONNECTIONKIT_SECRETS";

    private static final Logger LOG = LoggerFactory.getLogger(SecretsLoader.class);

    private final String toml;
    private final Path home;
    private final Path workingDir;
    private final List<Path> paths;

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
        this.toml = toml;
        this.home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
        this.workingDir = Objects.requireNonNull(workingDir, "workingDir").toAbsolutePath().normalize();
        Objects.requireNonNull(systemProperties, "systemProperties");
        Objects.requireNonNull(environment, "environment");
        this.paths = List.copyOf(locate(explicitFiles, systemProperties.get(PROPERTY), environment.get(ENVIRONMENT_VARIABLE)));
    }

    private List<Path> locate(List<Path> explicitFiles, String property, String environmentValue) {
        if (explicitFiles != null) {
            return explicitFiles.stream().map(this::resolve).toList();
        }
        Optional<String> list = nonBlank(property).or(() -> nonBlank(environmentValue));
        if (list.isPresent()) {
            return Pattern.compile(Pattern.quote(File.pathSeparator)).splitAsStream(list.get())
                    .map(String::strip)
                    .filter(entry -> !entry.isEmpty())
                    .map(entry -> resolve(Path.of(entry)))
                    .toList();
        }
        Path inHome = home.resolve(".streamlit").resolve("secrets.toml");
        Path inWorkingDir = workingDir.resolve(".streamlit").resolve("secrets.toml");
        // Run from the home directory, both defaults are one file: read it once.
        return inHome.equals(inWorkingDir) ? List.of(inHome) : List.of(inHome, inWorkingDir);
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private Path resolve(Path path) {
        Objects.requireNonNull(path, "secrets file");
        Path resolved;
        if (path.isAbsolute()) {
            resolved = path;
        } else if (path.getNameCount() > 0 && path.getName(0).toString().equals("~")) {
            resolved = path.getNameCount() == 1 ? home : home.resolve(path.subpath(1, path.getNameCount()));
        } else {
            resolved = workingDir.resolve(path);
        }
        return resolved.toAbsolutePath().normalize();
    }

    /** The paths to read, in order (later wins). */
    List<Path> paths() {
        return paths;
    }

    /**
     * Reads every existing file and the TOML text, and merges them.
     *
     * @throws io.connectionkit.api.ConnectionConfigException for a file that is not valid TOML
     *         or cannot be read, naming the file, line, column and the parser's message
     */
    Secrets load() {
        SecretsTable merged = SecretsTable.EMPTY;
        List<SecretsFile> read = new ArrayList<>();
        List<ConnectionConfigException> errors = new ArrayList<>();
        for (Path path : paths) {
            SecretsFile file = SecretsFile.of(path, home, workingDir);
            try {
                Optional<SecretsTable> table = file.read();
                if (table.isPresent()) {
                    merged = merged.overlay(table.get());
                    read.add(file);
                } else {
                    LOG.debug("No secrets file at {}", file.location());
                }
            } catch (ConnectionConfigException e) {
                errors.add(e);
            }
        }
        if (toml != null) {
            try {
                merged = merged.overlay(SecretsFile.parse(toml, SecretsFile.TOML_TEXT));
            } catch (ConnectionConfigException e) {
                errors.add(e);
            }
        }
        throwIfAny(errors);
        LOG.debug("Read secrets from {}{}", read.stream().map(SecretsFile::location).toList(),
                toml == null ? "" : " and " + SecretsFile.TOML_TEXT);
        return new Secrets(paths, read, toml != null, merged);
    }

    /** One exception naming every broken file, so that the user can fix them all at once. */
    private static void throwIfAny(List<ConnectionConfigException> errors) {
        if (errors.size() == 1) {
            throw errors.get(0);
        }
        if (errors.size() > 1) {
            ConnectionConfigException all = new ConnectionConfigException(String.join("\n",
                    errors.stream().map(Throwable::getMessage).toList()));
            errors.forEach(all::addSuppressed);
            throw all;
        }
    }
}
