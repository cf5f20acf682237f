package io.connectionkit.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each check of the kit fails, saying what to fix, for a connector that breaks its rule. */
class ConnectorTestKitFailuresTest {

    private static NotesConnectorKitTest kitFor(String flaw) {
        return new NotesConnectorKitTest() {
            @Override
            String flaw() {
                return flaw;
            }
        };
    }

    private static void failsWith(String flaw, Function<NotesConnectorKitTest, Executable> check, String... messages) {
        assertThatThrownBy(() -> check.apply(kitFor(flaw)).execute()).isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(messages)
                .hasMessageNotContaining("kit-secret-");
    }

    @Test
    void aSecretLoggedAtTraceIsReported() {
        failsWith("logs-secret", kit -> kit::connectsEagerlyWhenAskedFor,
                "shows in a logged message: connecting with <SECRET>", "ConnectionConfig.mask");
    }

    @Test
    void aSecretLoggedOnlyAsAKeyValuePairIsReported() {
        failsWith("logs-secret-as-key-value", kit -> kit::secretNeverShowsInToStringMessagesOrLogs,
                "shows in a logged message: connecting", "token=<SECRET>");
    }

    @Test
    void aSecretInAnExceptionMessageIsReported() {
        failsWith("leaky-message", kit -> kit::failedQueryIsNotCached, "shows in the exception of failingQuery()");
    }

    @Test
    void queriesThatBypassTheCacheAreReported() {
        failsWith("no-cache", kit -> kit::sameQueryTwiceRunsOnce, "The same query asked twice ran twice",
                "context().queryCache()");
    }

    @Test
    void aCacheOfItsOwnIsReportedForTtlAndReset() {
        failsWith("own-cache", kit -> kit::ttlExpiresOnTheRegistryClock, "still served 61 seconds later");
        failsWith("own-cache", kit -> kit::resetServesNoResultOfTheOldClient, "After reset(), a result of the client");
    }

    @Test
    void aFailureKeptAndThrownAgainIsReported() {
        failsWith("keeps-failure", kit -> kit::failedQueryIsNotCached, "failingQuery() asked again threw the same",
                "java.lang.IllegalArgumentException: No such query: fail", "object as the first time");
    }

    @Test
    void aFailureAnsweredWithoutRunningTheQueryAgainIsReported() {
        failsWith("remembers-failure", kit -> kit::failedQueryIsNotCached,
                "failingQuery() asked again did not reach context().queryCache(), where the first did");
    }

    @Test
    void aClientNeverReleasedIsReported() {
        failsWith("never-closes", kit -> kit::resetReleasesTheClientAndIsIdempotent, "reset() left the raw client open");
        failsWith("never-closes", kit -> kit::closeReleasesTheClientAndIsIdempotent, "close() left the raw client open");
    }
}
