package dev.hdp.watcher.schedule;

import dev.hdp.watcher.store.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.InterruptableJob;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/** Builds the node's Quartz scheduler on the node's own pool, and stops it gracefully. */
public final class NodeScheduler {
  /** The group of the node-wide jobs. */
  public static final String NODE_GROUP = "NODE";

  public static final JobKey FACT_CHECK = JobKey.jobKey("fact-check", NODE_GROUP);
  public static final JobKey APPEND_ACCUMULATOR = JobKey.jobKey("append-accumulator", NODE_GROUP);
  public static final JobKey RECONCILE = JobKey.jobKey("reconcile", NODE_GROUP);

  /** Quartz's data-source registry is global; each scheduler built here gets its own name. */
  private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

  /**
   * Quartz settings.
   *
   * @param schedulerName shared by every node on one database (Quartz's {@code SCHED_NAME})
   * @param instanceId this node; keep it across restarts so that, unclustered, the node recovers
   *     its own interrupted jobs at start-up
   * @param clustered use database locks and cluster check-in, for several nodes on one database
   * @param idleWait how often an idle scheduler looks for triggers other nodes stored (≥ 1 s)
   * @param misfireThreshold how late a trigger may fire before it counts as misfired
   */
  public record Settings(
      String schedulerName,
      String instanceId,
      int threads,
      boolean clustered,
      Duration idleWait,
      Duration misfireThreshold,
      Duration clusterCheckin) {}

  private NodeScheduler() {}

  /**
   * A scheduler (not yet started) whose JDBC job store uses {@code dataSource}. Set its {@link
   * JobFactory} (a {@link NodeJobs}) before starting it.
   */
  public static Scheduler create(Settings settings, DataSource dataSource)
      throws SchedulerException {
    Dialect dialect;
    try (Connection connection = dataSource.getConnection()) {
      dialect = Dialect.of(connection);
    } catch (SQLException e) {
      throw new SchedulerException("cannot reach the database", e);
    }
    // Quartz hands out a scheduler of the same name from its JVM-wide repository instead of a new
    // one. Ours are taken out of it as soon as they are made (below), so this finds only a
    // scheduler someone else registered.
    if (SchedulerRepository.getInstance().lookup(settings.schedulerName()) != null) {
      throw new SchedulerException(
          "a scheduler named " + settings.schedulerName() + " is registered in this JVM");
    }
    String dataSourceName = "hdp-pool-" + DATA_SOURCES.incrementAndGet();
    DBConnectionManager.getInstance()
        .addConnectionProvider(dataSourceName, new PoolConnectionProvider(dataSource));
    Properties properties = new Properties();
    properties.setProperty("org.quartz.scheduler.instanceName", settings.schedulerName());
    properties.setProperty("org.quartz.scheduler.instanceId", settings.instanceId());
    properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    properties.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "true");
    properties.setProperty(
        "org.quartz.scheduler.idleWaitTime", Long.toString(settings.idleWait().toMillis()));
    properties.setProperty(
        "org.quartz.threadPool.threadCount", Integer.toString(settings.threads()));
    properties.setProperty(
        "org.quartz.threadPool.threadNamePrefix", "hdp-" + settings.instanceId());
    properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    properties.setProperty(
        "org.quartz.jobStore.driverDelegateClass", dialect.quartzDelegateClass());
    properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    // Job data as strings, not serialized Java objects: readable and stable across versions.
    properties.setProperty("org.quartz.jobStore.useProperties", "true");
    properties.setProperty(
        "org.quartz.jobStore.misfireThreshold",
        Long.toString(settings.misfireThreshold().toMillis()));
    properties.setProperty(
        "org.quartz.jobStore.isClustered", Boolean.toString(settings.clustered()));
    properties.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval",
        Long.toString(settings.clusterCheckin().toMillis()));
    Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
    // Clustered nodes share one scheduler name; unregistered, several nodes (and a node started
    // after a failed start) can run in one JVM. Each node holds its own scheduler.
    SchedulerRepository.getInstance().remove(settings.schedulerName());
    return scheduler;
  }

  /**
   * (Re)registers the node-wide jobs; a changed cron expression or interval replaces the stored
   * one. A zero accumulator interval removes that job.
   */
  public static void registerNodeJobs(
      Scheduler scheduler,
      String factCheckCron,
      Duration accumulatorInterval,
      Duration reconcileInterval)
      throws SchedulerException {
    schedule(
        scheduler,
        NodeJobs.FactCheck.class,
        FACT_CHECK,
        TriggerBuilder.newTrigger()
            .withIdentity(FACT_CHECK.getName(), NODE_GROUP)
            .withSchedule(
                CronScheduleBuilder.cronSchedule(factCheckCron)
                    .inTimeZone(TimeZone.getTimeZone("UTC"))
                    .withMisfireHandlingInstructionFireAndProceed())
            .build());
    schedule(scheduler, NodeJobs.Reconcile.class, RECONCILE, every(RECONCILE, reconcileInterval));
    if (accumulatorInterval.isZero()) {
      scheduler.deleteJob(APPEND_ACCUMULATOR);
    } else {
      schedule(
          scheduler,
          NodeJobs.AppendAccumulator.class,
          APPEND_ACCUMULATOR,
          every(APPEND_ACCUMULATOR, accumulatorInterval));
    }
  }

  private static Trigger every(JobKey job, Duration interval) {
    return TriggerBuilder.newTrigger()
        .withIdentity(job.getName(), NODE_GROUP)
        .startNow()
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(interval.toMillis())
                .repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }

  private static void schedule(
      Scheduler scheduler, Class<? extends Job> type, JobKey key, Trigger trigger)
      throws SchedulerException {
    JobDetail job = JobBuilder.newJob(type).withIdentity(key).storeDurably(true).build();
    scheduler.scheduleJob(job, Set.of(trigger), true);
  }

  /**
   * Stops firing, asks running jobs to stop (they leave their batch where it is), waits up to
   * {@code grace} for them, then shuts the scheduler down. A job still running after the grace
   * period is left as if the node had crashed: its trigger stays "fired" and is recovered at the
   * next start. Otherwise Quartz's threads have ended, and written all they had to, on return.
   *
   * @return true if every running job finished within the grace period
   */
  public static boolean stop(Scheduler scheduler, Duration grace) throws SchedulerException {
    if (scheduler.isShutdown()) {
      return true;
    }
    scheduler.standby();
    List<JobExecutionContext> running = scheduler.getCurrentlyExecutingJobs();
    for (JobExecutionContext job : running) {
      if (job.getJobInstance() instanceof InterruptableJob interruptable) {
        interruptable.interrupt();
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    boolean finished = scheduler.getCurrentlyExecutingJobs().isEmpty();
    while (!finished && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      finished = scheduler.getCurrentlyExecutingJobs().isEmpty();
    }
    // Quartz's threads outlive a shutdown that does not wait: a worker still writes its job's
    // completion, and the scheduler thread may fire one more trigger, after this returns and the
    // node closes its pool (H2 ignores the pool's abort of connections in use). Those late
    // commits raced the next node's job recovery on the same database. So, unless a job overran
    // the grace period, wait for the threads; a job fired after the standby is asked to stop too.
    scheduler.shutdown(finished);
    return finished;
  }

  /** Hands Quartz connections from the node's pool; the node, not Quartz, closes the pool. */
  private record PoolConnectionProvider(DataSource dataSource) implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      return dataSource.getConnection();
    }

    @Override
    public void shutdown() {}

    @Override
    public void initialize() {}
  }
}
