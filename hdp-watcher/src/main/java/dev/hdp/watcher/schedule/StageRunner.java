package dev.hdp.watcher.schedule;

import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.stage.StageFamily;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.TaskStore;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one batch through one claimed stage family: claims it ({@code ready → working}, a
 * compare-and-set), or resumes it if it is already {@code working}, runs the handler and applies
 * the outcome with another compare-and-set. Losing either compare-and-set means another worker,
 * node or operator moved the batch, and this run stops without doing anything more.
 */
public final class StageRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);

  /** What one run did, for logs and tests. */
  public enum Result {
    /** The stage's work is done and the batch moved on. */
    ADVANCED,
    /** The batch is FAILED in the working stage. */
    FAILED,
    /** The handler will run again later. */
    WAITING,
    /** Stopped for a node stop; the batch waits in its working stage. */
    PAUSED,
    /** Someone else moved the batch first; this run changed nothing. */
    LOST,
    /** The batch was not in this family's stages (already past them, failed, cancelled). */
    NOTHING_TO_DO
  }

  private final TaskStore store;
  private final IntentLog intents;
  private final StageHandlers handlers;
  private final JobPlanner planner;
  private final Clock clock;

  public StageRunner(
      TaskStore store, IntentLog intents, StageHandlers handlers, JobPlanner planner, Clock clock) {
    this.store = store;
    this.intents = intents;
    this.handlers = handlers;
    this.planner = planner;
    this.clock = clock;
  }

  /** Runs {@code family}'s stage for the batch once, as {@code actor}. */
  public Result run(StageFamily family, BatchId id, String actor, StopSignal stop) {
    if (family.polled()) {
      throw new IllegalArgumentException(family + " is polled by the fact checker, not claimed");
    }
    Optional<BatchRecord> found = store.find(id);
    if (found.isEmpty()) {
      LOG.warn("{}: no batch {}", actor, id);
      return Result.NOTHING_TO_DO;
    }
    Stage stage = found.get().stage();
    if (stage == family.ready()) {
      if (!store.advance(id, family.ready(), family.working(), actor, "claimed")) {
        LOG.info("{}: {} was claimed by someone else", actor, id);
        return Result.LOST;
      }
    } else if (stage != family.working()) {
      LOG.debug("{}: {} is {}, nothing to do", actor, id, stage);
      return Result.NOTHING_TO_DO;
    }
    int run = store.recordRun(id, family.working());
    BatchRecord batch = store.get(id);
    if (batch.stage() != family.working()) {
      return Result.LOST;
    }
    StageContext context = new StageContext(batch, run, store, intents, clock, actor, stop);
    StageOutcome outcome;
    try {
      outcome = handlers.forFamily(family).run(context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = StageOutcome.paused("interrupted");
    } catch (RuntimeException e) {
      LOG.warn("{}: handler failed on {}", actor, id, e);
      outcome = StageOutcome.failed(describe(e));
    }
    return apply(family, id, actor, outcome);
  }

  private Result apply(StageFamily family, BatchId id, String actor, StageOutcome outcome) {
    return switch (outcome) {
      case StageOutcome.Done done -> {
        if (!store.advance(id, family.working(), family.done(), actor, done.note())) {
          yield Result.LOST;
        }
        planner.plan(id);
        yield Result.ADVANCED;
      }
      case StageOutcome.Failed failed ->
          store.fail(id, family.working(), actor, failed.reason()) ? Result.FAILED : Result.LOST;
      case StageOutcome.NotYet notYet -> {
        LOG.debug(
            "{}: {} not done yet ({}), again in {}", actor, id, notYet.note(), notYet.retryAfter());
        planner.runAgain(family, id, notYet.retryAfter());
        yield Result.WAITING;
      }
      case StageOutcome.Paused paused -> {
        LOG.info("{}: {} paused in {}: {}", actor, id, family.working(), paused.note());
        yield Result.PAUSED;
      }
    };
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
