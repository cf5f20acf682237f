package io.connectionkit.sql;

/**
 * Work to run in one database transaction; see {@link SQLConnection#transaction(TransactionWork)}.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface TransactionWork<T> {

    /** Runs statements through {@code tx}; throwing rolls the transaction back. */
    T run(Transaction tx) throws Exception;
}
