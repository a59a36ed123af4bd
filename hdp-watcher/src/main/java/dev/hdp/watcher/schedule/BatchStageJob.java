package dev.hdp.watcher.schedule;

import dev.hdp.watcher.stage.StageFamily;
import dev.hdp.watcher.store.BatchId;
import java.util.Locale;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * The Quartz side of a claimed stage family: reads the batch id and calls {@link StageRunner}. One
 * subclass per family, so that the job class stored in Quartz's tables says what the job is. {@link
 * #interrupt()} raises the stop signal rather than interrupting the thread.
 */
public abstract sealed class BatchStageJob implements InterruptableJob {
  /** The job data key holding the batch id. */
  public static final String BATCH_ID = "batchId";

  private final StageRunner runner;
  private final StageFamily family;
  private final String actor;
  private final StopSignal stop = new StopSignal();

  BatchStageJob(StageRunner runner, StageFamily family, String nodeId) {
    this.runner = runner;
    this.family = family;
    this.actor = nodeId + "/" + family.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public final void execute(JobExecutionContext context) throws JobExecutionException {
    BatchId id = BatchId.parse(context.getMergedJobDataMap().getString(BATCH_ID));
    try {
      runner.run(family, id, context.isRecovering() ? actor + " (recovered)" : actor, stop);
    } catch (RuntimeException e) {
      throw new JobExecutionException(family + " of " + id + " failed", e, false);
    }
  }

  @Override
  public final void interrupt() {
    stop.raise();
  }

  static Class<? extends Job> classFor(StageFamily family) {
    return switch (family) {
      case PREPROCESS -> Preprocess.class;
      case RUN_CAIRO -> RunCairo.class;
      case PROVE -> Prove.class;
      case FINALIZE -> Finalize.class;
      case FACT_CHECK -> throw new IllegalArgumentException("the fact check is a cron job");
    };
  }

  /** {@code SCHEDULED → PREPROCESSING → PREPROCESSED}. */
  @DisallowConcurrentExecution
  public static final class Preprocess extends BatchStageJob {
    public Preprocess(StageRunner runner, String nodeId) {
      super(runner, StageFamily.PREPROCESS, nodeId);
    }
  }

  /** {@code PREPROCESSED → RUNNING_CAIRO → PIE_READY}. */
  @DisallowConcurrentExecution
  public static final class RunCairo extends BatchStageJob {
    public RunCairo(StageRunner runner, String nodeId) {
      super(runner, StageFamily.RUN_CAIRO, nodeId);
    }
  }

  /** {@code PIE_READY → SUBMITTED → FACT_PENDING}. */
  @DisallowConcurrentExecution
  public static final class Prove extends BatchStageJob {
    public Prove(StageRunner runner, String nodeId) {
      super(runner, StageFamily.PROVE, nodeId);
    }
  }

  /** {@code FACT_VALID → FINALIZING → FINALIZED}. */
  @DisallowConcurrentExecution
  public static final class Finalize extends BatchStageJob {
    public Finalize(StageRunner runner, String nodeId) {
      super(runner, StageFamily.FINALIZE, nodeId);
    }
  }
}
