package io.connectionkit.snowflake.driver;

import io.connectionkit.api.QueryException;
import io.connectionkit.jdbc.ConnectionSource;
import io.connectionkit.jdbc.FailureKind;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One shared connection a session: lent as it is, replaced once, and only while it is current. */
class SharedConnectionSourceTest {

    /** A session of a test: its number and its connection. */
    private record Session(int number, Connection connection) {
    }

    private static Connection connection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                        : method.getName().equals("equals") ? proxy == args[0] : null);
    }

    /** Sessions made one after another; a replace of the current one makes the next. */
    private static final class Sessions extends SharedConnectionSource<Session> {
        private Session current = new Session(1, connection());
        private final List<Integer> replaced = new ArrayList<>();

        @Override
        protected Session current() {
            return current;
        }

        @Override
        protected boolean isCurrent(Session session) {
            return current == session;
        }

        @Override
        protected Connection connectionOf(Session session) {
            return session.connection();
        }

        @Override
        protected void replace(Session session) {
            if (current == session) {
                replaced.add(session.number());
                current = new Session(session.number() + 1, connection());
            }
        }
    }

    @Test
    void everyStatementOfASessionBorrowsItsOneConnectionAndGivesItBackOpen() throws SQLException {
        Sessions sessions = new Sessions();
        ConnectionSource.Lender first = sessions.lender();
        ConnectionSource.Lender second = sessions.lender();

        Connection borrowed = first.borrow();
        first.giveBack(borrowed, true);

        assertThat(second.borrow()).isSameAs(borrowed).isSameAs(sessions.current.connection());
        assertThat(first.wasReplaced()).isFalse();
    }

    @Test
    void threadsThatMetTheSameLostSessionReplaceItOnceAndNeverTheNewOne() {
        Sessions sessions = new Sessions();
        ConnectionSource.Lender one = sessions.lender();
        ConnectionSource.Lender other = sessions.lender();
        QueryException lost = new QueryException("lost", "select 1", "08001", 390114, true, null);

        one.replaceConnections(lost, 1);
        other.replaceConnections(lost, 1);

        assertThat(sessions.replaced).containsExactly(1);
        assertThat(sessions.current.number()).isEqualTo(2);
        assertThat(one.wasReplaced()).isTrue();
        assertThat(sessions.lender().wasReplaced()).isFalse();
    }

    @Test
    void theDriversErrorsMeanWhatSnowflakeFailuresSays() {
        Sessions sessions = new Sessions();

        assertThat(sessions.classify(new SQLException("expired", "08001", 390114))).isEqualTo(FailureKind.CONNECTION_LOST);
        assertThat(sessions.classify(new SQLException("closed", "08003", 200052))).isEqualTo(FailureKind.NOT_RUN);
        assertThat(sessions.classify(new SQLException("no table", "42S02", 2003))).isEqualTo(FailureKind.PERMANENT);
    }
}
