package dev.hdp.watcher.node;

import com.zaxxer.hikari.HikariDataSource;
import dev.hdp.watcher.metrics.NodeMetrics;
import dev.hdp.watcher.schedule.FactChecker;
import dev.hdp.watcher.schedule.NodeJobs;
import dev.hdp.watcher.schedule.NodeScheduler;
import dev.hdp.watcher.schedule.QuartzPlanner;
import dev.hdp.watcher.schedule.Reconciler;
import dev.hdp.watcher.schedule.StageHandlers;
import dev.hdp.watcher.schedule.StageRunner;
import dev.hdp.watcher.server.HealthCheck;
import dev.hdp.watcher.server.RequestServer;
import dev.hdp.watcher.server.ServerBackend;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.ChainEvents;
import dev.hdp.watcher.store.Database;
import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.Migrations;
import dev.hdp.watcher.store.NewBatch;
import dev.hdp.watcher.store.TaskStore;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
public final class Node implements AutoCloseable, ServerBackend {
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
  private final NodeMetrics metrics;
  private final Map<String, HealthCheck> healthChecks = new LinkedHashMap<>();
  private RequestServer server;
  private final java.util.concurrent.ExecutorService planning =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "hdp-planning");
            thread.setDaemon(true);
            return thread;
          });
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
      NodeLease lease,
      NodeMetrics metrics) {
    this.config = config;
    this.pool = pool;
    this.store = store;
    this.intents = intents;
    this.scheduler = scheduler;
    this.planner = planner;
    this.reconciler = reconciler;
    this.chainEvents = chainEvents;
    this.lease = lease;
    this.metrics = metrics;
    healthChecks.put("database", this::checkDatabase);
    healthChecks.put("scheduler", this::checkScheduler);
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
    // and a scheduler left running keeps its threads.
    NodeLease lease = null;
    Scheduler scheduler = null;
    try {
      Migrations.migrate(pool, clock);
      lease = NodeLease.acquire(pool, NodeLease.locksFor(config));
      NodeMetrics metrics = new NodeMetrics();
      TaskStore store = new TaskStore(pool, clock, new SecureRandom(), metrics);
      metrics.watchQueues(store);
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
      Node node =
          new Node(
              config,
              pool,
              store,
              intents,
              scheduler,
              planner,
              reconciler,
              new ChainEvents(pool, clock, new SecureRandom()),
              lease,
              metrics);
      if (config.server().isPresent()) {
        try {
          node.server = RequestServer.start(node, config.server().get(), metrics);
        } catch (RuntimeException e) {
          node.stop();
          throw e;
        }
      }
      return node;
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

  @Override
  public TaskStore store() {
    return store;
  }

  public IntentLog intents() {
    return intents;
  }

  /**
   * Accepts a request without waiting for the scheduler: stores the batch ({@code RECEIVED}) and
   * hands its planning to one background thread. Planning writes several Quartz rows under Quartz's
   * locks, 20–50 ms on two cores, while storing takes 2–3 ms; the HTTP intake should pay only for
   * the latter. A batch whose planning is lost (a stop, a crash) is still {@code RECEIVED}, which
   * the reconciler plans at the next start or sweep.
   */
  @Override
  public BatchRecord accept(NewBatch batch) {
    BatchRecord record = store.create(batch, config.nodeId() + "/intake");
    try {
      planning.execute(() -> planQuietly(record.id()));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("{} left for the reconciler: the node is stopping", record.id());
    }
    return record;
  }

  private void planQuietly(BatchId id) {
    try {
      planner.plan(id);
    } catch (RuntimeException e) {
      LOG.warn("could not plan {}; the reconciler will", id, e);
    }
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
  @Override
  public Stage retry(BatchId id, String actor, String why) {
    Stage stage = store.retry(id, actor, why);
    planner.plan(id);
    return stage;
  }

  /** Cancels a batch not yet submitted to a prover; a job still running on it will stop. */
  @Override
  public void cancel(BatchId id, String actor, String why) {
    store.cancel(id, actor, why);
  }

  /** The node's metrics (stage durations, queue depths, RPC and server counters). */
  public NodeMetrics metrics() {
    return metrics;
  }

  /** The request server's address, when the configuration asked for a server. */
  public Optional<URI> serverUri() {
    return Optional.ofNullable(server).map(RequestServer::baseUri);
  }

  /**
   * Adds a check that {@code GET /health} runs (for instance "chain": the RPC answers); a check of
   * the same name is replaced.
   */
  public synchronized void addHealthCheck(String name, HealthCheck check) {
    healthChecks.put(name, check);
  }

  @Override
  public synchronized Map<String, HealthCheck> healthChecks() {
    return new LinkedHashMap<>(healthChecks);
  }

  private String checkDatabase() {
    store.ping();
    return "answers";
  }

  private String checkScheduler() throws SchedulerException {
    if (!scheduler.isStarted() || scheduler.isShutdown() || scheduler.isInStandbyMode()) {
      throw new IllegalStateException("the scheduler is not running");
    }
    return scheduler.getCurrentlyExecutingJobs().size() + " jobs running";
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
    if (server != null) {
      server.close();
    }
    planning.shutdown();
    try {
      if (!planning.awaitTermination(config.stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        planning.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
    if (server != null) {
      server.close();
    }
    planning.shutdownNow();
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
