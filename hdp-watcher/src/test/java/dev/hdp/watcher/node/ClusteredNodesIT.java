package dev.hdp.watcher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.watcher.chain.TaskRequester;
import dev.hdp.watcher.demo.Demo;
import dev.hdp.watcher.demo.DevChainScenario;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.stage.StageFamily;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.PostgresServer;
import dev.hdp.watcher.store.TaskRecord;
import dev.hdp.watcher.store.TransitionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clustered operator nodes on one PostgreSQL database and one Anvil chain, as the README runs
 * several nodes: both watch the chain and share the work through Quartz's clustered job store. One
 * dies in the middle of a stage; the other must finish every batch, and every batch must be
 * finalized once, with each on-chain effect taken once. An unclustered node must not join them.
 */
@Tag("anvil")
@Tag("postgres")
class ClusteredNodesIT {
  @RegisterExtension static final AnvilChain.PerClass anvil = new AnvilChain.PerClass(12);

  /** Node b, clustered, on {@code database}, with a data directory of its own. */
  private static OperatorNode startNodeB(String database, Path dir) {
    return anvil
        .get()
        .startNode(
            nodeConfig(database, "node-b", true),
            dir.resolve("node-b"),
            0,
            UnaryOperator.identity());
  }

  /** The fast node settings on {@code jdbcUrl}, checking in with the cluster every second. */
  static NodeConfig nodeConfig(String jdbcUrl, String nodeId, boolean clustered) {
    NodeConfig fast = Demo.fastNodeConfig(Path.of("unused"), nodeId);
    return new NodeConfig(
        jdbcUrl,
        PostgresServer.USER,
        "",
        fast.maxConnections(),
        nodeId,
        fast.schedulerName(),
        clustered,
        fast.workerThreads(),
        fast.factCheckCron(),
        fast.reconcileInterval(),
        fast.accumulatorInterval(),
        fast.idleWait(),
        fast.misfireThreshold(),
        Duration.ofSeconds(1),
        fast.stopGrace(),
        Optional.empty());
  }

  @Test
  void theSurvivorOfTwoClusteredNodesFinishesEveryBatchWithEachEffectTakenOnce(@TempDir Path dir)
      throws Exception {
    String database = PostgresServer.shared().createDatabase();
    // Each node has its own data directory, as on two hosts: the artifacts are in the database.
    CrashPoint crash = new CrashPoint(StageFamily.PROVE);
    OperatorNode a =
        anvil
            .get()
            .startNode(
                nodeConfig(database, "node-a", true), dir.resolve("node-a"), 0, crash.decorator());
    OperatorNode b = null;
    List<TaskRequester.Sent> sent = new ArrayList<>();
    List<DevChainScenario.ScenarioTask> tasks = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        tasks.add(anvil.get().scenario.accountTask(2 + i));
      }
      sent.addAll(anvil.get().requester().request(tasks.stream().map(t -> t.task()).toList()));
      // Node a, alone so far, runs the first batch up to the proof (markValid sent) and hangs.
      assertTrue(crash.reached.await(60, TimeUnit.SECONDS), "node-a reached the proof");
      b = startNodeB(database, dir);

      NodeStartException refused =
          assertThrows(
              NodeStartException.class,
              () ->
                  anvil
                      .get()
                      .startNode(
                          nodeConfig(database, "node-c", false),
                          dir.resolve("node-c"),
                          0,
                          UnaryOperator.identity()));
      assertTrue(refused.getMessage().contains("'scheduler hdp'"), refused.getMessage());

      List<DevChainScenario.ScenarioTask> more = new ArrayList<>();
      for (int i = 3; i < 6; i++) {
        more.add(anvil.get().scenario.accountTask(2 + i));
      }
      tasks.addAll(more);
      sent.addAll(anvil.get().requester().request(more.stream().map(t -> t.task()).toList()));
    } catch (Exception | Error e) {
      if (b != null) {
        b.close();
      }
      throw e;
    } finally {
      a.simulateCrash();
      crash.die.countDown();
    }
    hostGone(dir.resolve("node-a"));
    try (OperatorNode survivor = b) {
      assertEveryBatchFinalizedOnce(survivor, tasks, sent);
      assertFinishedByNodeB(survivor, crash.stoppedOn);
    }
  }

  @Test
  void aNodeStoppedCleanlyInTheMiddleOfAStageLeavesItsBatchToTheOtherNode(@TempDir Path dir)
      throws Exception {
    String database = PostgresServer.shared().createDatabase();
    CrashPoint hold = CrashPoint.hold(StageFamily.PREPROCESS);
    OperatorNode a =
        anvil
            .get()
            .startNode(
                nodeConfig(database, "node-a", true), dir.resolve("node-a"), 0, hold.decorator());
    List<DevChainScenario.ScenarioTask> tasks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tasks.add(anvil.get().scenario.accountTask(8 + i));
    }
    OperatorNode b = null;
    List<TaskRequester.Sent> sent;
    try {
      sent = anvil.get().requester().request(tasks.stream().map(t -> t.task()).toList());
      assertTrue(hold.reached.await(60, TimeUnit.SECONDS), "node-a is preprocessing");
      b = startNodeB(database, dir);
    } catch (Exception | Error e) {
      hold.die.countDown();
      a.close();
      if (b != null) {
        b.close();
      }
      throw e;
    }
    // The stop asks node-a's running job to stop, and waits for it: let the handler return.
    Thread stopping = new Thread(a::close, "stop node-a");
    stopping.start();
    hold.die.countDown();
    stopping.join(Duration.ofSeconds(30));
    assertFalse(stopping.isAlive(), "node-a stopped");
    hostGone(dir.resolve("node-a"));
    try (OperatorNode survivor = b) {
      assertEveryBatchFinalizedOnce(survivor, tasks, sent);
      assertFinishedByNodeB(survivor, hold.stoppedOn);
    }
  }

  /**
   * Takes a stopped node's data directory away, as if it were on another host: the other node must
   * continue its batches from the database alone.
   */
  private static void hostGone(Path dataDir) throws IOException {
    if (Files.exists(dataDir)) {
      Files.move(dataDir, dataDir.resolveSibling(dataDir.getFileName() + "-gone"));
    }
  }

  /**
   * Every requested task finalized with its expected result, every batch FINALIZED with the results
   * cached in the store and each on-chain effect taken once, one task per request event.
   */
  private static void assertEveryBatchFinalizedOnce(
      OperatorNode survivor,
      List<DevChainScenario.ScenarioTask> tasks,
      List<TaskRequester.Sent> sent)
      throws Exception {
    anvil.get().awaitFinalized(sent, Duration.ofSeconds(90));
    for (int i = 0; i < sent.size(); i++) {
      assertEquals(
          tasks.get(i).expected().toBytes32(),
          anvil.get().reader.finalizedResult(sent.get(i).commitment()).orElseThrow(),
          tasks.get(i).description());
    }
    List<BatchRecord> batches = survivor.node().store().latest(100);
    int tasksInBatches = 0;
    for (BatchRecord batch : batches) {
      AnvilChain.awaitStage(survivor, batch.id(), Stage.FINALIZED, Duration.ofSeconds(10));
      BatchRecord done = survivor.node().store().get(batch.id());
      tasksInBatches += done.tasks().size();
      for (TaskRecord task : done.tasks()) {
        assertEquals(
            anvil.get().reader.finalizedResult(task.commitment()).orElseThrow(),
            task.result().orElseThrow(),
            "the store caches the finalized result");
      }
      // The nodes share the operator key: a transaction whose nonce the other node took first
      // is never mined, and is signed again (a second send); the effect still happens once.
      anvil.get().assertEffectsOnce(survivor, batch.id(), 2);
    }
    assertEquals(sent.size(), tasksInBatches, "every request event became one task, once");
  }

  /** The batch node-a stopped on was moved on, and finished, by node-b. */
  private static void assertFinishedByNodeB(OperatorNode survivor, BatchId batch) {
    List<TransitionRecord> moves = survivor.node().store().transitions(batch);
    TransitionRecord last = moves.getLast();
    assertEquals(Stage.FINALIZED, last.to());
    assertTrue(last.actor().startsWith("node-b/"), moves.toString());
    assertTrue(
        moves.stream().anyMatch(m -> m.actor().startsWith("node-a/")),
        "node-a had moved it before: " + moves);
  }
}
