package io.connectionkit.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The spinner on standard error while a statement runs: turns, is erased when stopped, and is silent when off. */
class SpinnerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String ERASED = "(?s).*\r +\r";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void turnsThenErasesItsLineWhenStoppedAndPrintsNothingAfter() throws InterruptedException {
        Spinner spinner = Spinner.start(err, true, Duration.ZERO);
        awaitUntil(() -> frames(printed()) >= 2, "two frames");

        spinner.stop();
        String stopped = printed();
        awaitSpinnerThreadsEnded();

        assertThat(stopped).startsWith("\r| running\r/ running");
        assertThat(stopped).matches(ERASED);
        String erasure = stopped.substring(stopped.lastIndexOf('\r', stopped.length() - 2));
        assertThat(erasure.length() - 2).as("blanks over the frame").isGreaterThanOrEqualTo("| running".length());
        assertThat(printed()).as("nothing after stop").isEqualTo(stopped);
    }

    @Test
    void stopIsIdempotent() throws InterruptedException {
        Spinner spinner = Spinner.start(err, true, Duration.ZERO);
        awaitUntil(() -> frames(printed()) >= 1, "a frame");

        spinner.stop();
        String once = printed();
        spinner.stop();
        spinner.close();
        awaitSpinnerThreadsEnded();

        assertThat(printed()).isEqualTo(once).matches(ERASED);
    }

    @Test
    void offItPrintsNothingWhileAnotherThatIsOnTurns() throws InterruptedException {
        ByteArrayOutputStream offBytes = new ByteArrayOutputStream();
        Spinner off = Spinner.start(new PrintStream(offBytes, true, StandardCharsets.UTF_8), false, Duration.ZERO);
        Spinner on = Spinner.start(err, true, Duration.ZERO);
        try {
            awaitUntil(() -> frames(printed()) >= 3, "three frames of the spinner that is on");

            assertThat(offBytes.toString(StandardCharsets.UTF_8)).isEmpty();
        } finally {
            on.stop();
            off.stop();
            off.stop();
        }
        awaitSpinnerThreadsEnded();
        assertThat(offBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void stoppedBeforeItsDelayItNeverShows() throws InterruptedException {
        Spinner spinner = Spinner.start(err, true, Duration.ofHours(1));

        spinner.stop();
        awaitSpinnerThreadsEnded();

        assertThat(printed()).isEmpty();
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static long frames(String printed) {
        return printed.chars().filter(c -> c == '|' || c == '/' || c == '-' || c == '\\').count();
    }

    /** Once the spinners' timer threads have ended, nothing can print any more. */
    private static void awaitSpinnerThreadsEnded() throws InterruptedException {
        List<Thread> spinners = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("connections-spinner")).toList();
        for (Thread thread : spinners) {
            thread.join(PATIENCE.toMillis());
            assertThat(thread.isAlive()).as("spinner thread ended").isFalse();
        }
    }

    private static void awaitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("Waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
