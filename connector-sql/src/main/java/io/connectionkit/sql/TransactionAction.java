package io.connectionkit.sql;

/**
 * Work that returns nothing, to run in one database transaction; see
 * {@link SQLConnection#inTransaction(TransactionAction)}. A type of its own, not an overload of
 * {@link TransactionWork}: with both, Java could not tell which one {@code tx -> tx.execute(...)} is.
 */
@FunctionalInterface
public interface TransactionAction {

    /** Runs statements through {@code tx}; throwing rolls the transaction back. */
    void run(Transaction tx) throws Exception;
}
