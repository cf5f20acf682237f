package io.connectionkit.snowflake.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * {@code java -jar snowflake-emulator.jar}: runs an emulator until the process is stopped. Exit
 * status 2 and one line on standard error for a bad command line.
 */
final class EmulatorCommand {
    static final String USAGE =
            """
      Usage: java -jar snowflake-emulator.jar [options]
      A local Snowflake-compatible server on 127.0.0.1 for the Snowflake JDBC driver.

        --port N                 port to listen on (default 0: a free port)
        --account NAME           account name logins must give (default EMULATOR)
        --user NAME:PASSWORD     a user with a password; repeatable
        --user-key NAME:PATH     a user with an RSA public key (PEM or DER file); repeatable
        --database NAME          a database to create, with schema PUBLIC; repeatable
        --help                   print this help

      Without --user or --user-key, user "emulator" logs in with password "emulator".
      Connect with jdbc:snowflake://127.0.0.1:PORT/?ssl=off&account=ACCOUNT and the connection
      properties user, password, db, schema and disablePlatformDetection=true.
      """;

    private EmulatorCommand() {}

    /** A command line that cannot be run, told in one line. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    public static void main(String[] args) {
        CountDownLatch stopped = new CountDownLatch(1);
        int status =
                run(
                        args,
                        System.out,
                        System.err,
                        emulator -> {
                            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                            try {
                                stopped.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Parses {@code args}, starts an emulator, tells where it listens, hands it to {@code serve}
     * and closes it once {@code serve} returns.
     *
     * @return the exit status: 0, 1 when the emulator cannot start, 2 for a bad command line
     */
    static int run(
            String[] args, PrintStream out, PrintStream err, Consumer<SnowflakeEmulator> serve) {
        SnowflakeEmulator.Builder builder;
        try {
            builder = parse(args);
        } catch (UsageException e) {
            err.println("snowflake-emulator: " + e.getMessage() + " (see --help)");
            return 2;
        }
        if (builder == null) {
            out.print(USAGE);
            return 0;
        }
        SnowflakeEmulator emulator;
        try {
            emulator = builder.start();
        } catch (UncheckedIOException | IllegalStateException e) {
            err.println("snowflake-emulator: " + e.getMessage());
            return 1;
        }
        try (emulator) {
            out.println(
                    "Snowflake emulator listening on 127.0.0.1:"
                            + emulator.port()
                            + ", account "
                            + emulator.account());
            out.println("JDBC URL: " + emulator.jdbcUrl());
            out.flush();
            serve.accept(emulator);
        }
        return 0;
    }

    /** The builder the arguments describe, or null when they ask for help. */
    static SnowflakeEmulator.Builder parse(String[] args) throws UsageException {
        SnowflakeEmulator.Builder builder = SnowflakeEmulator.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                value = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--port", "--account", "--user", "--user-key", "--database" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    apply(builder, arg, value);
                }
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        return builder;
    }

    private static void apply(SnowflakeEmulator.Builder builder, String option, String value)
            throws UsageException {
        try {
            switch (option) {
                case "--port" -> builder.port(Integer.parseInt(value));
                case "--account" -> builder.account(value);
                case "--database" -> builder.database(value);
                case "--user" -> {
                    int colon = value.indexOf(':');
                    if (colon <= 0) {
                        throw new UsageException("--user takes NAME:PASSWORD");
                    }
                    builder.user(value.substring(0, colon), value.substring(colon + 1));
                }
                default -> {
                    int colon = value.indexOf(':');
                    if (colon <= 0 || colon == value.length() - 1) {
                        throw new UsageException("--user-key takes NAME:PATH");
                    }
                    builder.user(
                            value.substring(0, colon),
                            readPublicKey(Path.of(value.substring(colon + 1))));
                }
            }
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a number, not " + value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /** An RSA public key from a PEM ("BEGIN PUBLIC KEY") or DER (X.509) file. */
    static PublicKey readPublicKey(Path file) throws UsageException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException("cannot read the public key file " + file);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN")) {
            if (!text.contains("-----BEGIN PUBLIC KEY-----")) {
                throw new UsageException(file + " is not a PEM public key (BEGIN PUBLIC KEY)");
            }
            String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            try {
                bytes = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new UsageException(file + " holds no valid PEM public key");
            }
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(bytes));
        } catch (GeneralSecurityException e) {
            throw new UsageException(file + " holds no RSA public key");
        }
    }
}
