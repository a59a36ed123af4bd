package dev.hdp.watcher.stage;

import java.util.Optional;

/**
 * The legal stage changes. Forward moves go one stage at a time along the pipeline; any stage that
 * is not terminal may fail; a failed batch may only re-enter the stage that failed; a batch may be
 * cancelled until it is {@link Stage#SUBMITTED} (also when it failed before that).
 */
public final class StageMachine {
  private StageMachine() {}

  /**
   * Checks one move.
   *
   * @param from the current stage
   * @param failedStage the stage that failed, present exactly when {@code from} is {@link
   *     Stage#FAILED}
   * @param to the stage wanted
   * @throws IllegalTransitionException when the move is not allowed
   */
  public static void check(Stage from, Optional<Stage> failedStage, Stage to) {
    if (from == Stage.FAILED && failedStage.isEmpty()) {
      throw new IllegalArgumentException("a FAILED batch must name the stage that failed");
    }
    if (from != Stage.FAILED && failedStage.isPresent()) {
      throw new IllegalArgumentException("only a FAILED batch has a failed stage, not " + from);
    }
    String refusal = refusal(from, failedStage, to);
    if (refusal != null) {
      throw new IllegalTransitionException(from, to, refusal);
    }
  }

  /** True when {@link #check} would accept the move. */
  public static boolean isLegal(Stage from, Optional<Stage> failedStage, Stage to) {
    return refusal(from, failedStage, to) == null;
  }

  /** Why the move is refused, or null when it is legal. */
  private static String refusal(Stage from, Optional<Stage> failedStage, Stage to) {
    if (from == Stage.FINALIZED || from == Stage.CANCELLED) {
      return from + " is final";
    }
    if (to == Stage.FAILED) {
      return from == Stage.FAILED ? "the batch has already failed" : null;
    }
    if (to == Stage.CANCELLED) {
      Stage effective = from == Stage.FAILED ? failedStage.orElseThrow() : from;
      return effective.beforeSubmission()
          ? null
          : "only batches not yet SUBMITTED can be cancelled (stage " + effective + ")";
    }
    if (from == Stage.FAILED) {
      Stage failed = failedStage.orElseThrow();
      return to == failed ? null : "a retry re-enters the failed stage " + failed + " only";
    }
    if (from.next().orElseThrow() == to) {
      return null;
    }
    return "the pipeline moves one stage at a time, " + from + " → " + from.next().orElseThrow();
  }
}
