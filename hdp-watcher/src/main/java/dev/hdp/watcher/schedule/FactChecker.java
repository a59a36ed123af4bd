package dev.hdp.watcher.schedule;

import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.stage.StageFamily;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.TaskStore;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron side of the fact check: asks the handler about every batch waiting on its fact and moves
 * the valid ones on. A handler exception counts as "not yet" (the facts registry or the RPC may be
 * down for a while); only an explicit {@link StageOutcome.Failed} fails the batch.
 */
public final class FactChecker {
  private static final Logger LOG = LoggerFactory.getLogger(FactChecker.class);

  /** How one sweep went. */
  public record Sweep(int checked, int valid, int failed, int pending) {}

  private final TaskStore store;
  private final IntentLog intents;
  private final StageHandler handler;
  private final JobPlanner planner;
  private final Clock clock;

  public FactChecker(
      TaskStore store, IntentLog intents, StageHandler handler, JobPlanner planner, Clock clock) {
    this.store = store;
    this.intents = intents;
    this.handler = handler;
    this.planner = planner;
    this.clock = clock;
  }

  /** Checks every batch now in {@code FACT_PENDING} once. */
  public Sweep checkAll(String actor, StopSignal stop) {
    StageFamily family = StageFamily.FACT_CHECK;
    List<BatchRecord> waiting = store.inStages(List.of(family.working()));
    int valid = 0;
    int failed = 0;
    int checked = 0;
    for (BatchRecord batch : waiting) {
      if (stop.isRaised()) {
        break;
      }
      checked++;
      int run = store.recordRun(batch.id(), Stage.FACT_PENDING);
      StageContext context = new StageContext(batch, run, store, intents, clock, actor, stop);
      StageOutcome outcome;
      try {
        outcome = handler.run(context);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        LOG.warn("{}: fact check of {} failed, will check again", actor, batch.id(), e);
        outcome = StageOutcome.notYet(java.time.Duration.ZERO, StageRunner.describe(e));
      }
      switch (outcome) {
        case StageOutcome.Done done -> {
          if (store.advance(batch.id(), Stage.FACT_PENDING, Stage.FACT_VALID, actor, done.note())) {
            valid++;
            planner.plan(batch.id());
          }
        }
        case StageOutcome.Failed failure -> {
          if (store.fail(batch.id(), Stage.FACT_PENDING, actor, failure.reason())) {
            failed++;
          }
        }
        case StageOutcome.NotYet notYet -> {}
        case StageOutcome.Paused paused -> {}
      }
    }
    return new Sweep(checked, valid, failed, checked - valid - failed);
  }
}
