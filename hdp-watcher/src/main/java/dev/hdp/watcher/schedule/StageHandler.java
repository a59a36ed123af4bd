package dev.hdp.watcher.schedule;

/**
 * The work of one stage family for one batch, implemented by the modules that know how
 * (preprocessing, the Cairo runner, provers, the finalizer).
 *
 * <p>A handler must be idempotent: it may be run again after a crash, a restart or a retry, with
 * part of its work done. Files go to deterministic locations; anything sent outside (a transaction,
 * a prover job) goes through the {@link dev.hdp.watcher.store.IntentLog} protocol. The handler does
 * not change the batch's stage: it returns an outcome and the runner moves the batch with a
 * compare-and-set.
 */
@FunctionalInterface
public interface StageHandler {
  /**
   * Does (or resumes) the stage's work.
   *
   * @return the outcome; an unchecked exception counts as {@link StageOutcome.Failed} with the
   *     exception as the reason (the fact check treats it as {@link StageOutcome.NotYet} instead)
   * @throws InterruptedException when the thread is interrupted; the batch stays where it is
   */
  StageOutcome run(StageContext context) throws InterruptedException;
}
