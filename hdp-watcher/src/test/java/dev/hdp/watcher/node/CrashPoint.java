package dev.hdp.watcher.node;

import dev.hdp.watcher.schedule.StageHandler;
import dev.hdp.watcher.schedule.StageHandlers;
import dev.hdp.watcher.stage.StageFamily;
import dev.hdp.watcher.store.BatchId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Runs the real handler of one family, then stops there once until the test lets it die (or, for a
 * hold, go on).
 */
final class CrashPoint {
  final StageFamily family;
  private final boolean dies;
  final AtomicBoolean armed = new AtomicBoolean(true);
  final CountDownLatch reached = new CountDownLatch(1);
  final CountDownLatch die = new CountDownLatch(1);

  /** The batch the handler stopped on, once {@link #reached}. */
  volatile BatchId stoppedOn;

  CrashPoint(StageFamily family) {
    this(family, true);
  }

  private CrashPoint(StageFamily family, boolean dies) {
    this.family = family;
    this.dies = dies;
  }

  /** Holds the handler after its work until {@link #die} is counted down, then returns normally. */
  static CrashPoint hold(StageFamily family) {
    return new CrashPoint(family, false);
  }

  UnaryOperator<StageHandlers> decorator() {
    return h ->
        new StageHandlers(
            wrap(StageFamily.PREPROCESS, h.preprocess()),
            wrap(StageFamily.RUN_CAIRO, h.runCairo()),
            wrap(StageFamily.PROVE, h.prove()),
            wrap(StageFamily.FACT_CHECK, h.factCheck()),
            wrap(StageFamily.FINALIZE, h.finalizer()),
            h.accumulator());
  }

  private StageHandler wrap(StageFamily which, StageHandler real) {
    if (which != family) {
      return real;
    }
    return context -> {
      var outcome = real.run(context);
      if (armed.compareAndSet(true, false)) {
        stoppedOn = context.batch().id();
        reached.countDown();
        die.await(30, TimeUnit.SECONDS);
        if (dies) {
          throw new IllegalStateException("killed in " + which);
        }
      }
      return outcome;
    };
  }
}
