package dev.hdp.watcher.schedule;

import dev.hdp.watcher.stage.StageFamily;
import java.util.Objects;

/** The handlers a node runs, one per stage family, plus the accumulator appender. */
public record StageHandlers(
    StageHandler preprocess,
    StageHandler runCairo,
    StageHandler prove,
    StageHandler factCheck,
    StageHandler finalizer,
    AccumulatorHandler accumulator) {
  public StageHandlers {
    Objects.requireNonNull(preprocess, "preprocess");
    Objects.requireNonNull(runCairo, "runCairo");
    Objects.requireNonNull(prove, "prove");
    Objects.requireNonNull(factCheck, "factCheck");
    Objects.requireNonNull(finalizer, "finalizer");
    Objects.requireNonNull(accumulator, "accumulator");
  }

  public StageHandler forFamily(StageFamily family) {
    return switch (family) {
      case PREPROCESS -> preprocess;
      case RUN_CAIRO -> runCairo;
      case PROVE -> prove;
      case FACT_CHECK -> factCheck;
      case FINALIZE -> finalizer;
    };
  }
}
