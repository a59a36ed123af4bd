package dev.hdp.watcher.stage;

import java.util.Optional;

/**
 * Where a batch is in the pipeline. The order of the constants is the order of the pipeline; the
 * two terminal outcomes that are not success ({@link #FAILED}, {@link #CANCELLED}) come last.
 */
public enum Stage {
  RECEIVED,
  SCHEDULED,
  PREPROCESSING,
  PREPROCESSED,
  RUNNING_CAIRO,
  PIE_READY,
  SUBMITTED,
  FACT_PENDING,
  FACT_VALID,
  FINALIZING,
  FINALIZED,
  /** Stopped with a reason; keeps the stage that failed, which {@code retry} re-enters. */
  FAILED,
  /** Given up on purpose before anything was sent to a prover; never resumed. */
  CANCELLED;

  /** The next stage on the success path, or empty for {@link #FINALIZED} and the off-path ones. */
  public Optional<Stage> next() {
    return switch (this) {
      case FINALIZED, FAILED, CANCELLED -> Optional.empty();
      default -> Optional.of(values()[ordinal() + 1]);
    };
  }

  /** True for a stage on the success path ({@link #RECEIVED} … {@link #FINALIZED}). */
  public boolean onPipeline() {
    return this != FAILED && this != CANCELLED;
  }

  /** True when no job will ever move the batch again without an operator (retry). */
  public boolean isTerminal() {
    return this == FINALIZED || this == FAILED || this == CANCELLED;
  }

  /**
   * True when a batch in this pipeline stage may be cancelled: nothing has been handed to a prover
   * yet, so no fact or on-chain transaction can depend on it.
   */
  public boolean beforeSubmission() {
    return onPipeline() && compareTo(SUBMITTED) < 0;
  }
}
