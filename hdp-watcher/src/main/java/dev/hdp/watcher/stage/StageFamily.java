package dev.hdp.watcher.stage;

import java.util.Optional;

/**
 * A piece of work done by one kind of job: it takes a batch that is {@link #ready()}, marks it
 * {@link #working()} while it works (the compare-and-set on that move is the claim), and leaves it
 * {@link #done()}. A job that finds the batch already in {@link #working()} is resuming work that a
 * stopped or crashed run began.
 */
public enum StageFamily {
  PREPROCESS(Stage.SCHEDULED, Stage.PREPROCESSING, Stage.PREPROCESSED),
  RUN_CAIRO(Stage.PREPROCESSED, Stage.RUNNING_CAIRO, Stage.PIE_READY),
  PROVE(Stage.PIE_READY, Stage.SUBMITTED, Stage.FACT_PENDING),
  /** Waits for the fact on-chain; there is no claim, a cron job polls every waiting batch. */
  FACT_CHECK(Stage.FACT_PENDING, Stage.FACT_PENDING, Stage.FACT_VALID),
  FINALIZE(Stage.FACT_VALID, Stage.FINALIZING, Stage.FINALIZED);

  private final Stage ready;
  private final Stage working;
  private final Stage done;

  StageFamily(Stage ready, Stage working, Stage done) {
    this.ready = ready;
    this.working = working;
    this.done = done;
  }

  public Stage ready() {
    return ready;
  }

  public Stage working() {
    return working;
  }

  public Stage done() {
    return done;
  }

  /** True when the family polls on a schedule rather than claiming batches one job at a time. */
  public boolean polled() {
    return ready == working;
  }

  /** The family whose job moves a batch on from {@code stage}, if any. */
  public static Optional<StageFamily> forStage(Stage stage) {
    for (StageFamily family : values()) {
      if (family.ready == stage || family.working == stage) {
        return Optional.of(family);
      }
    }
    return Optional.empty();
  }
}
