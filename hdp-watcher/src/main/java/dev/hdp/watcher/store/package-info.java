/**
 * The node's durable task store over JDBC: batches, their tasks, per-stage visit counts, the
 * transition log and the side-effect intents.
 *
 * <p>The SQL is kept to what both H2 (the embedded default) and PostgreSQL (several nodes on one
 * database) accept, so the same migration scripts serve both. Every stage change is a
 * compare-and-set on the batch's current stage and is logged in the same database transaction, so
 * two workers or two nodes can never both move one batch.
 */
package dev.hdp.watcher.store;
