package dev.hdp.watcher.schedule;

import dev.hdp.watcher.stage.StageFamily;
import dev.hdp.watcher.store.BatchId;
import java.time.Duration;

/** Arranges for the job that moves a batch on; implemented over Quartz by {@link QuartzPlanner}. */
public interface JobPlanner {
  /**
   * Makes sure the job that moves the batch on from its current stage exists (does nothing when it
   * does, or when no job is needed: final stages, or a stage the cron fact check polls). A batch
   * still {@code RECEIVED} is moved to {@code SCHEDULED} first.
   */
  void plan(BatchId batch);

  /** Runs the family's job for the batch again after {@code delay}. */
  void runAgain(StageFamily family, BatchId batch, Duration delay);
}
