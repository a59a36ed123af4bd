package dev.hdp.watcher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchSource;
import dev.hdp.watcher.store.Database;
import dev.hdp.watcher.store.NewBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping or failing to start a node in-process (as {@code hdp demo} or a test does) must leave
 * nothing behind that disturbs the next node: no Quartz thread still writing to the database, no
 * scheduler still registered JVM-wide, no lease still held.
 */
class NodeRestartTest {
  @TempDir Path folder;
  private PipelineHandlers work;

  @BeforeEach
  void setUp() {
    work = new PipelineHandlers(new FakeChain(), folder.resolve("artifacts"));
  }

  @AfterEach
  void tearDown() {
    work.proveCrash.release.countDown();
  }

  private NodeConfig config() {
    return NodeTest.fastConfig(folder, false);
  }

  private Node start() {
    return Node.start(config(), work.handlers(), Clock.systemUTC());
  }

  private static BatchId submit(Node node, String name) {
    return node.submit(
            new NewBatch(
                new BatchSource.Http("test-client"),
                "{\"request\":\"" + name + "\"}",
                List.of(Keccak256.hash(name.getBytes(StandardCharsets.UTF_8))),
                Optional.empty()))
        .id();
  }

  private static void awaitFinalized(Node node, BatchId id) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (node.store().get(id).stage() != Stage.FINALIZED) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + id + " to be finalized");
      }
      Thread.sleep(20);
    }
  }

  /** Runs one statement through a pool of its own, while no node runs. */
  private int update(String sql) throws SQLException {
    try (HikariDataSource pool =
            Database.pool(
                config().jdbcUrl(), config().dbUser(), config().dbPassword(), 1, "editor");
        Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      return statement.executeUpdate();
    }
  }

  /** Quartz's rows for jobs it started and has not yet recorded as done. */
  private List<String> executingJobs() throws SQLException {
    try (HikariDataSource pool =
            Database.pool(
                config().jdbcUrl(), config().dbUser(), config().dbPassword(), 1, "reader");
        Connection connection = pool.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT JOB_GROUP, JOB_NAME FROM QRTZ_FIRED_TRIGGERS WHERE STATE = 'EXECUTING'");
        ResultSet rows = select.executeQuery()) {
      List<String> jobs = new ArrayList<>();
      while (rows.next()) {
        jobs.add(rows.getString(1) + "." + rows.getString(2));
      }
      return jobs;
    }
  }

  /** Quartz's threads of node-1 (workers, and the scheduler thread) not in {@code before}. */
  private static List<String> newQuartzThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .map(Thread::getName)
        .filter(name -> name.matches("hdp-node-1-\\d+") || name.equals("hdp_QuartzSchedulerThread"))
        .toList();
  }

  @Test
  void aCleanStopHasEndedQuartzsThreadsAndRecordedEveryJobWhenItReturns() throws Exception {
    for (int round = 0; round < 2; round++) {
      Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
      Node node = start();
      BatchId id = submit(node, "round " + round);
      awaitFinalized(node, id);
      // Stopped right after the last stage, while Quartz still records that job's end and fires
      // its cron jobs: threads left running wrote to the database after stop returned, racing
      // the next node's job recovery.
      node.stop();
      assertEquals(List.of(), newQuartzThreads(before), "round " + round);
      assertEquals(List.of(), executingJobs(), "round " + round);
    }
  }

  @Test
  void aStartThatFailsInJobRecoveryLeavesTheProcessFreeToStartAgain() throws Exception {
    Node first = start();
    work.proveCrash.arm();
    BatchId id = submit(first, "crashed");
    assertTrue(work.proveCrash.awaitReached());
    first.simulateCrash();
    // Make Quartz's recovery of the interrupted prove job fail: its class cannot be loaded.
    String realClass = "dev.hdp.watcher.schedule.BatchStageJob$Prove";
    assertEquals(
        1,
        update(
            "UPDATE QRTZ_JOB_DETAILS SET JOB_CLASS_NAME = 'dev.hdp.NoSuchJob'"
                + " WHERE JOB_CLASS_NAME = '"
                + realClass
                + "'"));
    NodeStartException failed = assertThrows(NodeStartException.class, this::start);
    assertTrue(failed.getMessage().contains("dev.hdp.NoSuchJob"), failed.getMessage());

    update("UPDATE QRTZ_JOB_DETAILS SET JOB_CLASS_NAME = '" + realClass + "'");
    try (Node again = start()) {
      awaitFinalized(again, id);
    }
  }
}
