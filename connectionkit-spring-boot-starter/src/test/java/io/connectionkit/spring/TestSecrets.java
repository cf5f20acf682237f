package io.connectionkit.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a secrets file the way an editor or a deployment would: whole, then moved into place. */
final class TestSecrets {

    private TestSecrets() {
    }

    /** A {@code [connections.NAME]} table of type sql on a SQLite file. */
    static String sqlite(String name, Path database) {
        return "[connections." + name + "]\ntype = \"sql\"\nurl = \"sqlite:///" + database.toAbsolutePath() + "\"\n";
    }

    static Path write(Path file, String toml) {
        try {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, toml);
            return Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
