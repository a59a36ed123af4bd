package dev.hdp.watcher.schedule;

import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.stage.StageFamily;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.TaskStore;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans per-batch jobs in Quartz: one non-durable job per (stage family, batch), keyed by the batch
 * id in the family's group, that asks for recovery so that a run cut short by a crash is fired
 * again when the node (or, clustered, another node) comes back. Quartz timing uses the system
 * clock; the stage logic uses the injected one.
 */
public final class QuartzPlanner implements JobPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(QuartzPlanner.class);

  private final Scheduler scheduler;
  private final TaskStore store;
  private final String actor;

  public QuartzPlanner(Scheduler scheduler, TaskStore store, String nodeId) {
    this.scheduler = scheduler;
    this.store = store;
    this.actor = nodeId + "/planner";
  }

  /** The key of the job that runs {@code family} for {@code batch}. */
  public static JobKey jobKey(StageFamily family, BatchId batch) {
    return JobKey.jobKey(batch.value(), family.name());
  }

  @Override
  public void plan(BatchId id) {
    Optional<BatchRecord> batch = store.find(id);
    if (batch.isEmpty()) {
      return;
    }
    Stage stage = batch.get().stage();
    if (stage == Stage.RECEIVED) {
      store.advance(id, Stage.RECEIVED, Stage.SCHEDULED, actor, "job planned");
      stage = store.get(id).stage();
    }
    Optional<StageFamily> family = StageFamily.forStage(stage);
    if (family.isEmpty() || family.get().polled()) {
      return;
    }
    JobKey key = jobKey(family.get(), id);
    try {
      if (scheduler.checkExists(key)) {
        if (hasWaitingTrigger(key)) {
          return;
        }
        // The job is running or just ran (its one trigger is COMPLETE): a stage retried right
        // after it failed needs one more run, which this extra trigger gives it.
        try {
          scheduler.scheduleJob(trigger(key, Duration.ZERO));
          return;
        } catch (JobPersistenceException e) {
          LOG.debug("{} for {} finished meanwhile; planning it anew", family.get(), id);
        }
      }
      scheduler.scheduleJob(job(family.get(), id), Set.of(trigger(key, Duration.ZERO)), false);
      LOG.debug("planned {} for {}", family.get(), id);
    } catch (ObjectAlreadyExistsException e) {
      LOG.debug("{} for {} was planned concurrently", family.get(), id);
    } catch (SchedulerException e) {
      LOG.warn("could not plan {} for {}; the reconciler will try again", family.get(), id, e);
    }
  }

  @Override
  public void runAgain(StageFamily family, BatchId id, Duration delay) {
    JobKey key = jobKey(family, id);
    try {
      if (scheduler.checkExists(key)) {
        scheduler.scheduleJob(trigger(key, delay));
      } else {
        scheduler.scheduleJob(job(family, id), Set.of(trigger(key, delay)), false);
      }
    } catch (SchedulerException e) {
      LOG.warn("could not re-plan {} for {}; the reconciler will try again", family, id, e);
    }
  }

  /** True if the job has a trigger still to fire (not only the one firing or fired). */
  private boolean hasWaitingTrigger(JobKey key) throws SchedulerException {
    for (Trigger trigger : scheduler.getTriggersOfJob(key)) {
      switch (scheduler.getTriggerState(trigger.getKey())) {
        case NORMAL, BLOCKED, PAUSED -> {
          return true;
        }
        case COMPLETE, ERROR, NONE -> {}
      }
    }
    return false;
  }

  private static JobDetail job(StageFamily family, BatchId id) {
    return JobBuilder.newJob(BatchStageJob.classFor(family))
        .withIdentity(jobKey(family, id))
        .usingJobData(BatchStageJob.BATCH_ID, id.value())
        .requestRecovery(true)
        .storeDurably(false)
        .build();
  }

  private static Trigger trigger(JobKey job, Duration delay) {
    // Trigger names are unique so that a job may hold a retry trigger while its current one fires.
    return TriggerBuilder.newTrigger()
        .withIdentity(job.getName() + "#" + UUID.randomUUID(), job.getGroup())
        .forJob(job)
        .startAt(new Date(System.currentTimeMillis() + delay.toMillis()))
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
  }
}
