package dev.hdp.watcher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.task.Task;
import dev.hdp.fixtures.devchain.AnvilProcess;
import dev.hdp.watcher.chain.ContractReader;
import dev.hdp.watcher.chain.TaskRequester;
import dev.hdp.watcher.demo.Demo;
import dev.hdp.watcher.demo.DevChainScenario;
import dev.hdp.watcher.pipeline.PipelineConfig;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.ProverKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on Anvil: tasks of every kind requested on-chain, picked up by the event
 * watcher, preprocessed online, dev-proven, fact-checked and finalized; every on-chain result must
 * equal the recomputation from plain RPC reads.
 */
@Tag("anvil")
class PipelineIT {
  private static AnvilProcess anvil;
  private static DevChainScenario scenario;
  private static DeployedContracts contracts;
  private static ContractReader reader;

  @BeforeAll
  static void chain() throws Exception {
    Assumptions.assumeTrue(AnvilProcess.isInstalled(), "Anvil not installed (npm ci in tools/)");
    anvil = AnvilProcess.start(new AnvilProcess.Options(500, 10, 0));
    scenario = new DevChainScenario(anvil.rpcUrl(), anvil.privateKeys());
    contracts = scenario.deploy();
    scenario.mineHistory(20);
    reader = new ContractReader(scenario.web3j(), contracts);
  }

  @AfterAll
  static void stop() {
    if (scenario != null) {
      scenario.close();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  static OperatorNode node(Path dir, int confirmations) {
    PipelineConfig fast = Demo.fastPipelineConfig(anvil.rpcUrl(), contracts, dir, scenario);
    PipelineConfig config =
        new PipelineConfig(
            fast.rpc(),
            fast.contracts(),
            fast.dataDir(),
            fast.operator(),
            fast.devProver(),
            fast.mmrId(),
            fast.mmrFirstBlock(),
            confirmations,
            fast.pollInterval(),
            fast.maxBlocksPerPoll(),
            fast.appendThreshold(),
            fast.scheduleHttpBatchesOnChain());
    return OperatorNode.start(
        Demo.fastNodeConfig(dir.resolve("node"), "it-node"), config, Clock.systemUTC());
  }

  static void awaitFinalized(List<TaskRequester.Sent> sent, Duration timeout) throws Exception {
    awaitFinalizedWith(reader, sent, timeout);
  }

  static void awaitFinalizedWith(
      ContractReader reader, List<TaskRequester.Sent> sent, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (sent.stream()
          .allMatch(
              s -> reader.taskStatus(s.commitment()) == ContractReader.TaskStatus.FINALIZED)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not finalized within " + timeout);
  }

  @Test
  void tasksOfEveryKindGoFromTheRequestToAFinalizedResultEqualToTheRecomputation(@TempDir Path dir)
      throws Exception {
    List<DevChainScenario.ScenarioTask> tasks = scenario.tasks();
    assertTrue(tasks.size() >= 5);
    Set<String> kinds = new HashSet<>();
    try (OperatorNode node = node(dir, 0)) {
      List<Task> requested = tasks.stream().map(DevChainScenario.ScenarioTask::task).toList();
      List<TaskRequester.Sent> sent =
          new TaskRequester(scenario.web3j(), contracts, scenario.user()).request(requested);
      awaitFinalized(sent, Duration.ofSeconds(60));
      for (int i = 0; i < tasks.size(); i++) {
        Bytes32 onChain = reader.finalizedResult(sent.get(i).commitment()).orElseThrow();
        assertEquals(tasks.get(i).expected().toBytes32(), onChain, tasks.get(i).description());
        kinds.add(tasks.get(i).kind());
      }
      List<BatchRecord> batches = node.node().store().latest(10);
      int tasksInBatches = 0;
      for (BatchRecord batch : batches) {
        assertEquals(Stage.FINALIZED, batch.stage());
        assertEquals(ProverKind.DEV, batch.prover().orElseThrow());
        tasksInBatches += batch.tasks().size();
        // The store holds the results the contract returns.
        batch
            .tasks()
            .forEach(
                t ->
                    assertEquals(
                        reader.finalizedResult(t.commitment()).orElseThrow(),
                        t.result().orElseThrow()));
      }
      assertEquals(tasks.size(), tasksInBatches, "every event became exactly one task");
    }
    assertEquals(Set.of("header", "account", "storage", "transactions", "receipts"), kinds);
  }

  @Test
  void aRequestWhoseEventVanishedInAReorgIsNotProcessed(@TempDir Path dir) throws Exception {
    DevChainScenario.ScenarioTask task = scenario.accountTask(7);
    try (OperatorNode node = node(dir, 3)) {
      String snapshot = scenario.snapshot();
      List<TaskRequester.Sent> sent =
          new TaskRequester(scenario.web3j(), contracts, scenario.user())
              .request(List.of(task.task()));
      assertEquals(
          ContractReader.TaskStatus.SCHEDULED, reader.taskStatus(sent.get(0).commitment()));
      scenario.revert(snapshot);
      scenario.mine(6);
      // Give the watcher time to read past the block where the event was.
      Thread.sleep(1500);
      assertEquals(ContractReader.TaskStatus.NONE, reader.taskStatus(sent.get(0).commitment()));
      assertFalse(
          node.node().store().latest(50).stream()
              .flatMap(b -> b.tasks().stream())
              .anyMatch(t -> t.commitment().equals(sent.get(0).commitment())),
          "the vanished request became no task");
      // Requested again on the new chain, it is processed.
      List<TaskRequester.Sent> again =
          new TaskRequester(scenario.web3j(), contracts, scenario.user())
              .request(List.of(task.task()));
      scenario.mine(3);
      awaitFinalized(again, Duration.ofSeconds(60));
      assertEquals(
          task.expected().toBytes32(),
          reader.finalizedResult(again.get(0).commitment()).orElseThrow());
    }
  }
}
