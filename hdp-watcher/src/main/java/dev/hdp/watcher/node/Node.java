package dev.hdp.watcher.node;

import com.zaxxer.hikari.HikariDataSource;
import dev.hdp.watcher.schedule.FactChecker;
import dev.hdp.watcher.schedule.NodeJobs;
import dev.hdp.watcher.schedule.NodeScheduler;
import dev.hdp.watcher.schedule.QuartzPlanner;
import dev.hdp.watcher.schedule.Reconciler;
import dev.hdp.watcher.schedule.StageHandlers;
import dev.hdp.watcher.schedule.StageRunner;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.ChainEvents;
import dev.hdp.watcher.store.Database;
import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.Migrations;
import dev.hdp.watcher.store.NewBatch;
import dev.hdp.watcher.store.TaskStore;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running operator node: the pool, the migrated store, the Quartz scheduler with its jobs, and
 * the handlers. {@link #start} brings it up (migrating the schema, recovering jobs a crash cut
 * short, and planning jobs for batches that lost theirs); {@link #stop} pauses running jobs and
 * closes everything.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final NodeConfig config;
  private final HikariDataSource pool;
  private final TaskStore store;
  private final IntentLog intents;
  private final Scheduler scheduler;
  private final QuartzPlanner planner;
  private final Reconciler reconciler;
  private final ChainEvents chainEvents;
  private final NodeLease lease;
  private boolean stopped;

  private Node(
      NodeConfig config,
      HikariDataSource pool,
      TaskStore store,
      IntentLog intents,
      Scheduler scheduler,
      QuartzPlanner planner,
      Reconciler reconciler,
      ChainEvents chainEvents,
      NodeLease lease) {
    this.config = config;
    this.pool = pool;
    this.store = store;
    this.intents = intents;
    this.scheduler = scheduler;
    this.planner = planner;
    this.reconciler = reconciler;
    this.chainEvents = chainEvents;
    this.lease = lease;
  }

  /**
   * Starts a node.
   *
   * @throws NodeStartException when the database or the scheduler cannot be brought up
   */
  public static Node start(NodeConfig config, StageHandlers handlers, Clock clock) {
    HikariDataSource pool =
        Database.pool(
            config.jdbcUrl(),
            config.dbUser(),
            config.dbPassword(),
            config.maxConnections(),
            "hdp-" + config.nodeId());
    // Released by hand on failure: a pool's close leaves H2 connections in use (the lease's) open,
    // and a scheduler left running stays registered JVM-wide under its name, refusing every later
    // start in this process.
    NodeLease lease = null;
    Scheduler scheduler = null;
    try {
      Migrations.migrate(pool, clock);
      lease = NodeLease.acquire(pool, NodeLease.namesFor(config));
      TaskStore store = new TaskStore(pool, clock, new SecureRandom());
      IntentLog intents = new IntentLog(pool, clock);
      scheduler =
          NodeScheduler.create(
              new NodeScheduler.Settings(
                  config.schedulerName(),
                  config.nodeId(),
                  config.workerThreads(),
                  config.clustered(),
                  config.idleWait(),
                  config.misfireThreshold(),
                  config.clusterCheckin()),
              pool);
      QuartzPlanner planner = new QuartzPlanner(scheduler, store, config.nodeId());
      StageRunner runner = new StageRunner(store, intents, handlers, planner, clock);
      FactChecker factChecker =
          new FactChecker(store, intents, handlers.factCheck(), planner, clock);
      Reconciler reconciler = new Reconciler(store, planner);
      scheduler.setJobFactory(
          new NodeJobs(
              runner,
              factChecker,
              reconciler,
              handlers.accumulator(),
              store,
              intents,
              clock,
              config.nodeId()));
      NodeScheduler.registerNodeJobs(
          scheduler,
          config.factCheckCron(),
          config.accumulatorInterval(),
          config.reconcileInterval());
      // Starting the scheduler recovers the jobs a crash interrupted; the reconcile after it
      // plans jobs for batches that were left without one.
      scheduler.start();
      int looked = reconciler.reconcile();
      LOG.info("node {} started; {} batches in flight", config.nodeId(), looked);
      return new Node(
          config,
          pool,
          store,
          intents,
          scheduler,
          planner,
          reconciler,
          new ChainEvents(pool, clock, new SecureRandom()),
          lease);
    } catch (NodeStartException e) {
      abandonStart(config, scheduler, lease, pool);
      throw e;
    } catch (SchedulerException | SQLException | RuntimeException e) {
      abandonStart(config, scheduler, lease, pool);
      throw new NodeStartException("node " + config.nodeId() + " failed to start: " + e, e);
    }
  }

  /** Undoes a start that failed part-way, so that this process can start a node again. */
  private static void abandonStart(
      NodeConfig config, Scheduler scheduler, NodeLease lease, HikariDataSource pool) {
    try {
      if (scheduler != null) {
        NodeScheduler.stop(scheduler, config.stopGrace());
      }
    } catch (SchedulerException e) {
      LOG.warn("stopping the scheduler of a failed start", e);
    } finally {
      try {
        if (lease != null) {
          lease.close();
        }
      } catch (SQLException e) {
        LOG.debug("releasing the node lease of a failed start", e);
      }
      pool.close();
    }
  }

  public NodeConfig config() {
    return config;
  }

  public TaskStore store() {
    return store;
  }

  public IntentLog intents() {
    return intents;
  }

  /**
   * Accepts a request: stores the batch and plans its first job. Idempotent for on-chain events.
   */
  public BatchRecord submit(NewBatch batch) {
    BatchRecord record = store.create(batch, config.nodeId() + "/intake");
    planner.plan(record.id());
    return store.get(record.id());
  }

  /** The event watcher's cursor and seen events, in the node's database. */
  public ChainEvents chainEvents() {
    return chainEvents;
  }

  /** Plans the job that moves a batch on (a batch stored by the event watcher, for instance). */
  public void plan(BatchId id) {
    planner.plan(id);
  }

  /** Re-enters the stage a batch failed in and plans its job. */
  public Stage retry(BatchId id, String actor, String why) {
    Stage stage = store.retry(id, actor, why);
    planner.plan(id);
    return stage;
  }

  /** Cancels a batch not yet submitted to a prover; a job still running on it will stop. */
  public void cancel(BatchId id, String actor, String why) {
    store.cancel(id, actor, why);
  }

  /** Plans jobs for batches that have none now, instead of at the next periodic sweep. */
  public int reconcile() {
    return reconciler.reconcile();
  }

  /**
   * Stops cleanly: no new jobs fire, running jobs are asked to pause (their batches stay in their
   * stage and resume after the next start), then the scheduler and the pool close.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      if (!NodeScheduler.stop(scheduler, config.stopGrace())) {
        LOG.warn(
            "jobs still running after {}; they will be recovered at the next start",
            config.stopGrace());
      }
    } catch (SchedulerException e) {
      LOG.warn("scheduler did not stop cleanly", e);
    } finally {
      try {
        lease.close();
      } catch (SQLException e) {
        LOG.debug("releasing the node lease", e);
      }
      pool.close();
    }
    LOG.info("node {} stopped", config.nodeId());
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * For tests: dies as a killed process would. The pool closes first, so nothing more reaches the
   * database; then the scheduler's threads are let go without waiting or writing anything.
   */
  synchronized void simulateCrash() {
    stopped = true;
    // A dead process's connections drop and the database rolls their transactions back; the
    // pool's close alone does not make H2 release the lease's row locks.
    try {
      lease.close();
    } catch (SQLException e) {
      LOG.debug("dropping the lease connection", e);
    }
    pool.close();
    try {
      scheduler.shutdown(false);
    } catch (SchedulerException e) {
      LOG.debug("scheduler shutdown after simulated crash", e);
    }
  }
}
