package io.connectionkit.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThatCode;
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
                "shows in a logged message: connecting with <SECRET>", "Name keys and places in your own messages, never values");
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
    void aQueryThatKeepsItsParameterInAFieldIsReported() {
        failsWith("shares-state", kit -> kit::sixteenThreadsQueryingAtOnceEachGetTheirOwnAnswer,
                "16 threads running parameterisedQuery() at once got answers to other threads' parameters",
                "keep no state of one query in fields of the connection");
    }

    @Test
    void aParameterisedQueryThatPadsItsAnswerIsBlamedOnItselfNotOnOtherThreads() {
        failsWith("pads", kit -> kit::sixteenThreadsQueryingAtOnceEachGetTheirOwnAnswer,
                "did not answer with the parameter's own value", "(not padded)");
    }

    @Test
    void aSecretThatReachesTheConnectorAnotherWayNeedNotBeInTheConfiguration() {
        NotesConnectorKitTest elsewhere = new NotesConnectorKitTest() {
            @Override
            public ConnectorConfig configuration(String secret) {
                return ConnectorConfig.toml("token = \"not-the-secret\"");
            }

            @Override
            public boolean secretIsInConfiguration() {
                return false;
            }
        };

        assertThatCode(elsewhere::secretNeverShowsInToStringMessagesOrLogs).doesNotThrowAnyException();
    }

    @Test
    void aRawClientThatPrintsTheSecretIsReported() {
        failsWith("leaky-client", kit -> kit::secretNeverShowsInToStringMessagesOrLogs,
                "shows in the raw client's toString() (instance())", "Client[token=<SECRET>]");
    }

    @Test
    void aSecretThatConfigurationDoesNotPlantIsReported() {
        NotesConnectorKitTest unplanted = new NotesConnectorKitTest() {
            @Override
            public ConnectorConfig configuration(String secret) {
                return ConnectorConfig.toml("token = \"not-the-secret\"");
            }
        };

        assertThatThrownBy(unplanted::secretNeverShowsInToStringMessagesOrLogs).isInstanceOf(AssertionError.class)
                .hasMessageContaining("configuration(secret) did not put the secret into the connection's configuration");
    }

    @Test
    void aFreshQueryThatIsNotFreshIsBlamedOnTheHook() {
        NotesConnectorKitTest stale = new NotesConnectorKitTest() {
            @Override
            public String freshQuery() {
                return "rows";
            }
        };

        for (Executable check : List.<Executable>of(stale::ttlExpiresOnTheRegistryClock,
                stale::resetServesNoResultOfTheOldClient, stale::queryCacheIsNotSharedBetweenConnections)) {
            assertThatThrownBy(check::execute).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("freshQuery() run twice with QueryOptions.noCache() gave the same result");
        }
    }

    @Test
    void aClientNeverReleasedIsReported() {
        failsWith("never-closes", kit -> kit::resetReleasesTheClientAndIsIdempotent, "reset() left the raw client open");
        failsWith("never-closes", kit -> kit::closeReleasesTheClientAndIsIdempotent, "close() left the raw client open");
    }
}
