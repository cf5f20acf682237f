package io.connectionkit.core;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfigException;

import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One secrets file, and how it is named in messages and sources.
 *
 * @param path     the absolute, normalized path
 * @param location the path as the user would write it: {@code .streamlit/secrets.toml},
 *                 {@code ~/.streamlit/secrets.toml}, or absolute
 */
record SecretsFile(Path path, String location) {

    /** The location of the TOML text given to the builder. */
    static final String TOML_TEXT = "secretsToml";

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final String UNEXPECTED = "Unexpected ";
    private static final String EXPECTED = ", expected ";

    static SecretsFile of(Path path, Path home, Path workingDir) {
        return new SecretsFile(path, displayPath(path, home, workingDir));
    }

    /**
     * Relative to the working directory when the file is under it, {@code ~/...} when under the
     * home directory, else absolute; always with {@code /} between names, as in the docs.
     */
    static String displayPath(Path file, Path home, Path workingDir) {
        Path absolute = file.toAbsolutePath().normalize();
        Path cwd = workingDir.toAbsolutePath().normalize();
        Path userHome = home.toAbsolutePath().normalize();
        if (absolute.startsWith(cwd) && !absolute.equals(cwd)) {
            return slashed(cwd.relativize(absolute));
        }
        if (absolute.startsWith(userHome) && !absolute.equals(userHome)) {
            return "~/" + slashed(userHome.relativize(absolute));
        }
        return absolute.toString();
    }

    private static String slashed(Path relative) {
        StringBuilder text = new StringBuilder();
        for (Path name : relative) {
            if (text.length() > 0) {
                text.append('/');
            }
            text.append(name);
        }
        return text.toString();
    }

    /**
     * Reads and parses the file; empty when it does not exist (it may vanish between the
     * existence check and the read).
     *
     * @throws ConnectionConfigException when it cannot be read or is not valid TOML
     */
    Optional<SecretsTable> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        if (Files.isDirectory(path)) {
            throw new ConnectionConfigException("Cannot read secrets file " + location + ": it is a directory");
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConnectionConfigException("Cannot read secrets file " + location + ": " + reason(e), e);
        }
        return Optional.of(parse(text, location));
    }

    /** Why a file could not be read, in words; never the file's content. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not valid UTF-8";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * Parses TOML text whose values come from {@code location}; a byte order mark at its start
     * (Windows editors write one) is not part of it.
     *
     * @throws ConnectionConfigException naming the location, the line and column and the
     *         parser's message of the first error, and how many more errors there are
     */
    static SecretsTable parse(String text, String location) {
        // Dropped, not parsed: tomlj refuses it, and it is no column an editor shows.
        String toml = text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
        TomlParseResult result = Toml.parse(toml);
        List<TomlParseError> errors = result.errors();
        if (!errors.isEmpty()) {
            throw new ConnectionConfigException(invalidTomlMessage(location, errors));
        }
        return SecretsTable.of(result, ConfigSource.file(location, 0), location);
    }

    private static String invalidTomlMessage(String location, List<TomlParseError> errors) {
        TomlParseError first = errors.get(0);
        StringBuilder message = new StringBuilder("Invalid TOML in ").append(location);
        if (first.position() != null) {
            message.append(" at line ").append(first.position().line())
                    .append(", column ").append(first.position().column());
        }
        message.append(": ").append(reason(first.getMessage()));
        int more = errors.size() - 1;
        if (more > 0) {
            message.append(" (and ").append(more).append(more == 1 ? " more error)" : " more errors)");
        }
        return message.toString();
    }

    /**
     * The parser's reason in its own words only: tomlj quotes the token it did not expect
     * ({@code Unexpected 'Zebra', expected ...}), an escape or a number it could not read, any of
     * which can be part of a secret written without quotes. The line and column say where.
     */
    static String reason(String parserMessage) {
        int expected = parserMessage.lastIndexOf(EXPECTED);
        if (parserMessage.startsWith(UNEXPECTED) && expected > 0) {
            String token = parserMessage.substring(UNEXPECTED.length(), expected);
            boolean named = token.equals("end of line") || token.equals("end of input");
            return "unexpected " + (named ? token : "text") + parserMessage.substring(expected);
        }
        int end = parserMessage.length();
        for (char c : new char[] {'\'', '"', ':'}) {
            int at = parserMessage.indexOf(c);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        String words = parserMessage.substring(0, end).strip();
        return words.isEmpty() ? "not valid TOML" : words;
    }
}
