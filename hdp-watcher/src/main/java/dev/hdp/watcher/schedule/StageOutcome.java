package dev.hdp.watcher.schedule;

import java.time.Duration;

/** What a handler reports back for one run in a stage. */
public sealed interface StageOutcome {
  /** The stage's work is done; the batch moves on. */
  record Done(String note) implements StageOutcome {}

  /** The stage cannot succeed as things are; the batch becomes FAILED with this reason. */
  record Failed(String reason) implements StageOutcome {}

  /** Not finished yet (a prover still working, a transaction not yet mined): run again later. */
  record NotYet(Duration retryAfter, String note) implements StageOutcome {
    public NotYet {
      if (retryAfter.isNegative()) {
        throw new IllegalArgumentException("negative retry delay " + retryAfter);
      }
    }
  }

  /** Stopped because the node is stopping; the batch stays in its stage for the next start. */
  record Paused(String note) implements StageOutcome {}

  static StageOutcome done(String note) {
    return new Done(note);
  }

  static StageOutcome failed(String reason) {
    return new Failed(reason);
  }

  static StageOutcome notYet(Duration retryAfter, String note) {
    return new NotYet(retryAfter, note);
  }

  static StageOutcome paused(String note) {
    return new Paused(note);
  }
}
