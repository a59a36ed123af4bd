package dev.hdp.watcher.schedule;

import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.TaskStore;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-wide jobs (fact check, accumulator append, reconcile) and the Quartz {@link JobFactory}
 * that builds every job of the node with its services, since Quartz only knows job classes.
 */
public final class NodeJobs implements JobFactory {
  private static final Logger LOG = LoggerFactory.getLogger(NodeJobs.class);

  private final Map<Class<? extends Job>, Supplier<Job>> makers;

  public NodeJobs(
      StageRunner runner,
      FactChecker factChecker,
      Reconciler reconciler,
      AccumulatorHandler accumulator,
      TaskStore store,
      IntentLog intents,
      Clock clock,
      String nodeId) {
    this.makers =
        Map.of(
            BatchStageJob.Preprocess.class, () -> new BatchStageJob.Preprocess(runner, nodeId),
            BatchStageJob.RunCairo.class, () -> new BatchStageJob.RunCairo(runner, nodeId),
            BatchStageJob.Prove.class, () -> new BatchStageJob.Prove(runner, nodeId),
            BatchStageJob.Finalize.class, () -> new BatchStageJob.Finalize(runner, nodeId),
            FactCheck.class, () -> new FactCheck(factChecker, nodeId + "/fact-check"),
            AppendAccumulator.class,
                () ->
                    new AppendAccumulator(
                        accumulator, store, intents, clock, nodeId + "/append-accumulator"),
            Reconcile.class, () -> new Reconcile(reconciler));
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<? extends Job> type = bundle.getJobDetail().getJobClass();
    Supplier<Job> maker = makers.get(type);
    if (maker == null) {
      throw new SchedulerException("this node does not run jobs of class " + type.getName());
    }
    return maker.get();
  }

  /** The cron job over every batch waiting on its fact. */
  @DisallowConcurrentExecution
  public static final class FactCheck implements InterruptableJob {
    private final FactChecker checker;
    private final String actor;
    private final StopSignal stop = new StopSignal();

    FactCheck(FactChecker checker, String actor) {
      this.checker = checker;
      this.actor = actor;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      try {
        FactChecker.Sweep sweep = checker.checkAll(actor, stop);
        if (sweep.checked() > 0) {
          LOG.info("{}: {}", actor, sweep);
        }
      } catch (RuntimeException e) {
        throw new JobExecutionException("fact check sweep failed", e, false);
      }
    }

    @Override
    public void interrupt() {
      stop.raise();
    }
  }

  /** Appends block hashes to the headers accumulator on a fixed interval. */
  @DisallowConcurrentExecution
  public static final class AppendAccumulator implements InterruptableJob {
    private final AccumulatorHandler handler;
    private final AccumulatorHandler.Context context;
    private final StopSignal stop;

    AppendAccumulator(
        AccumulatorHandler handler, TaskStore store, IntentLog intents, Clock clock, String actor) {
      this.handler = handler;
      this.stop = new StopSignal();
      this.context = new AccumulatorHandler.Context(store, intents, clock, actor, stop);
    }

    @Override
    public void execute(JobExecutionContext jobContext) throws JobExecutionException {
      try {
        handler.appendOnce(context);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        throw new JobExecutionException("accumulator append failed", e, false);
      }
    }

    @Override
    public void interrupt() {
      stop.raise();
    }
  }

  /** Plans jobs for batches that have none (see {@link Reconciler}). */
  @DisallowConcurrentExecution
  public static final class Reconcile implements Job {
    private final Reconciler reconciler;

    Reconcile(Reconciler reconciler) {
      this.reconciler = reconciler;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      try {
        reconciler.reconcile();
      } catch (RuntimeException e) {
        throw new JobExecutionException("reconcile failed", e, false);
      }
    }
  }
}
