package dev.hdp.watcher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.task.Task;
import dev.hdp.watcher.chain.ContractReader;
import dev.hdp.watcher.chain.TaskRequester;
import dev.hdp.watcher.demo.DevChainScenario;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.ProverKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on Anvil: tasks of every kind requested on-chain, picked up by the event
 * watcher, preprocessed online, dev-proven, fact-checked and finalized; every on-chain result must
 * equal the recomputation from plain RPC reads.
 */
@Tag("anvil")
class PipelineIT {
  @RegisterExtension static final AnvilChain.PerClass anvil = new AnvilChain.PerClass(20);

  @Test
  void tasksOfEveryKindGoFromTheRequestToAFinalizedResultEqualToTheRecomputation(@TempDir Path dir)
      throws Exception {
    List<DevChainScenario.ScenarioTask> tasks = anvil.get().scenario.tasks();
    assertTrue(tasks.size() >= 5);
    Set<String> kinds = new HashSet<>();
    try (OperatorNode node = anvil.get().startNode(dir, "it-node", 0)) {
      List<Task> requested = tasks.stream().map(DevChainScenario.ScenarioTask::task).toList();
      List<TaskRequester.Sent> sent = anvil.get().requester().request(requested);
      anvil.get().awaitFinalized(sent, Duration.ofSeconds(60));
      for (int i = 0; i < tasks.size(); i++) {
        Bytes32 onChain =
            anvil.get().reader.finalizedResult(sent.get(i).commitment()).orElseThrow();
        assertEquals(tasks.get(i).expected().toBytes32(), onChain, tasks.get(i).description());
        kinds.add(tasks.get(i).kind());
      }
      int tasksInBatches = 0;
      for (BatchRecord finalizing : node.node().store().latest(10)) {
        // The chain shows the results a moment before the node records the stage change.
        AnvilChain.awaitStage(node, finalizing.id(), Stage.FINALIZED, Duration.ofSeconds(10));
        BatchRecord batch = node.node().store().get(finalizing.id());
        assertEquals(ProverKind.DEV, batch.prover().orElseThrow());
        tasksInBatches += batch.tasks().size();
        // The store holds the results the contract returns.
        batch
            .tasks()
            .forEach(
                t ->
                    assertEquals(
                        anvil.get().reader.finalizedResult(t.commitment()).orElseThrow(),
                        t.result().orElseThrow()));
      }
      assertEquals(tasks.size(), tasksInBatches, "every event became exactly one task");
    }
    assertEquals(Set.of("header", "account", "storage", "transactions", "receipts"), kinds);
  }

  @Test
  void aRequestWhoseEventVanishedInAReorgIsNotProcessed(@TempDir Path dir) throws Exception {
    DevChainScenario.ScenarioTask task = anvil.get().scenario.accountTask(7);
    try (OperatorNode node = anvil.get().startNode(dir, "it-node", 3)) {
      String snapshot = anvil.get().scenario.snapshot();
      List<TaskRequester.Sent> sent = anvil.get().requester().request(List.of(task.task()));
      assertEquals(
          ContractReader.TaskStatus.SCHEDULED,
          anvil.get().reader.taskStatus(sent.get(0).commitment()));
      anvil.get().scenario.revert(snapshot);
      anvil.get().scenario.mine(6);
      // Give the watcher time to read past the block where the event was.
      Thread.sleep(1500);
      assertEquals(
          ContractReader.TaskStatus.NONE, anvil.get().reader.taskStatus(sent.get(0).commitment()));
      assertFalse(
          node.node().store().latest(50).stream()
              .flatMap(b -> b.tasks().stream())
              .anyMatch(t -> t.commitment().equals(sent.get(0).commitment())),
          "the vanished request became no task");
      // Requested again on the new chain, it is processed.
      List<TaskRequester.Sent> again = anvil.get().requester().request(List.of(task.task()));
      anvil.get().scenario.mine(3);
      anvil.get().awaitFinalized(again, Duration.ofSeconds(60));
      assertEquals(
          task.expected().toBytes32(),
          anvil.get().reader.finalizedResult(again.get(0).commitment()).orElseThrow());
    }
  }
}
