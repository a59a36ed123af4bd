package dev.hdp.watcher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.watcher.chain.TaskRequester;
import dev.hdp.watcher.demo.Demo;
import dev.hdp.watcher.demo.DevChainScenario;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.stage.StageFamily;
import dev.hdp.watcher.store.BatchRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills the node in the middle of each stage (after the stage's work, side effects included, and
 * before the stage change is recorded) and starts a new node on the same database: the batch must
 * finish with every on-chain effect exactly once, by the intent log and by the chain's events.
 */
@Tag("anvil")
class CrashRecoveryIT {
  @RegisterExtension static final AnvilChain.PerClass anvil = new AnvilChain.PerClass(12);
  private static int taskSeed;

  @ParameterizedTest
  @EnumSource(StageFamily.class)
  void aNodeKilledInTheMiddleOfAStageFinishesTheBatchAfterARestartWithNoDuplicateTransaction(
      StageFamily family, @TempDir Path dir) throws Exception {
    // A task of its own per case (the contract refuses a second registration).
    DevChainScenario.ScenarioTask task = anvil.get().scenario.accountTask(3 + taskSeed++);
    CrashPoint crash = new CrashPoint(family);
    NodeConfig config = Demo.fastNodeConfig(dir.resolve("node"), "crash-node");
    OperatorNode first = anvil.get().startNode(config, dir, 0, crash.decorator());
    TaskRequester.Sent sent;
    try {
      sent = anvil.get().request(task);
      assertTrue(crash.reached.await(60, TimeUnit.SECONDS), "the stage " + family + " ran");
    } finally {
      first.simulateCrash();
      crash.die.countDown();
    }
    try (OperatorNode second = anvil.get().startNode(config, dir, 0, UnaryOperator.identity())) {
      anvil.get().awaitFinalized(List.of(sent), Duration.ofSeconds(60));
      assertEquals(
          task.expected().toBytes32(),
          anvil.get().reader.finalizedResult(sent.commitment()).orElseThrow());
      BatchRecord batch = AnvilChain.batchOf(second, sent);
      AnvilChain.awaitStage(second, batch.id(), Stage.FINALIZED, Duration.ofSeconds(10));
      anvil.get().assertEffectsOnce(second, batch.id(), 1);
      // The chain was fresh: this batch's blocks were appended to the accumulator too.
      assertTrue(second.node().intents().forBatch(batch.id()).size() >= 3);
    }
  }
}
