/**
 * The batch stage machine of the operator node, as pure rules with no I/O.
 *
 * <p>A batch moves {@code RECEIVED → SCHEDULED → PREPROCESSING → PREPROCESSED → RUNNING_CAIRO →
 * PIE_READY → SUBMITTED → FACT_PENDING → FACT_VALID → FINALIZING → FINALIZED}, or into {@code
 * FAILED} (keeping the stage that failed and why) or {@code CANCELLED}. {@link
 * dev.hdp.watcher.stage.StageMachine} says which moves are legal; the store enforces them with a
 * compare-and-set on the current stage.
 */
package dev.hdp.watcher.stage;
