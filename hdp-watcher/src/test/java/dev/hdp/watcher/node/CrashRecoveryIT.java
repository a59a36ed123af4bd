package dev.hdp.watcher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.contracts.generated.DevFactsRegistry;
import dev.hdp.contracts.generated.HdpExecutionStore;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.fixtures.devchain.AnvilProcess;
import dev.hdp.watcher.chain.ContractReader;
import dev.hdp.watcher.chain.TaskRequester;
import dev.hdp.watcher.demo.Demo;
import dev.hdp.watcher.demo.DevChainScenario;
import dev.hdp.watcher.pipeline.BatchFiles;
import dev.hdp.watcher.schedule.StageHandler;
import dev.hdp.watcher.schedule.StageHandlers;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.stage.StageFamily;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.Intent;
import dev.hdp.watcher.store.IntentState;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;

/**
 * Kills the node in the middle of each stage (after the stage's work, side effects included, and
 * before the stage change is recorded) and starts a new node on the same database: the batch must
 * finish with every on-chain effect exactly once, by the intent log and by the chain's events.
 */
@Tag("anvil")
class CrashRecoveryIT {
  private static AnvilProcess anvil;
  private static DevChainScenario scenario;
  private static DeployedContracts contracts;
  private static ContractReader reader;
  private static int taskSeed;

  @BeforeAll
  static void chain() throws Exception {
    Assumptions.assumeTrue(AnvilProcess.isInstalled(), "Anvil not installed (npm ci in tools/)");
    anvil = AnvilProcess.start(new AnvilProcess.Options(500, 10, 0));
    scenario = new DevChainScenario(anvil.rpcUrl(), anvil.privateKeys());
    contracts = scenario.deploy();
    scenario.mineHistory(12);
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

  /** Runs the real handler of one family, then stops there once until the test lets it die. */
  static final class CrashPoint {
    final StageFamily family;
    final AtomicBoolean armed = new AtomicBoolean(true);
    final CountDownLatch reached = new CountDownLatch(1);
    final CountDownLatch die = new CountDownLatch(1);

    CrashPoint(StageFamily family) {
      this.family = family;
    }

    UnaryOperator<StageHandlers> decorator() {
      return h ->
          new StageHandlers(
              wrap(StageFamily.PREPROCESS, h.preprocess()),
              wrap(StageFamily.RUN_CAIRO, h.runCairo()),
              wrap(StageFamily.PROVE, h.prove()),
              wrap(StageFamily.FACT_CHECK, h.factCheck()),
              wrap(StageFamily.FINALIZE, h.finalizer()),
              h.accumulator());
    }

    private StageHandler wrap(StageFamily which, StageHandler real) {
      if (which != family) {
        return real;
      }
      return context -> {
        var outcome = real.run(context);
        if (armed.compareAndSet(true, false)) {
          reached.countDown();
          die.await(30, TimeUnit.SECONDS);
          throw new IllegalStateException("killed in " + which);
        }
        return outcome;
      };
    }
  }

  @ParameterizedTest
  @EnumSource(StageFamily.class)
  void aNodeKilledInTheMiddleOfAStageFinishesTheBatchAfterARestartWithNoDuplicateTransaction(
      StageFamily family, @TempDir Path dir) throws Exception {
    // A task of its own per case (the contract refuses a second registration).
    DevChainScenario.ScenarioTask task = scenario.accountTask(3 + taskSeed++);
    CrashPoint crash = new CrashPoint(family);
    OperatorNode first =
        OperatorNode.start(
            Demo.fastNodeConfig(dir.resolve("node"), "crash-node"),
            Demo.fastPipelineConfig(anvil.rpcUrl(), contracts, dir, scenario),
            Clock.systemUTC(),
            crash.decorator());
    TaskRequester.Sent sent;
    try {
      sent =
          new TaskRequester(scenario.web3j(), contracts, scenario.user())
              .request(List.of(task.task()))
              .getFirst();
      assertTrue(crash.reached.await(60, TimeUnit.SECONDS), "the stage " + family + " ran");
    } finally {
      first.simulateCrash();
      crash.die.countDown();
    }
    try (OperatorNode second =
        OperatorNode.start(
            Demo.fastNodeConfig(dir.resolve("node"), "crash-node"),
            Demo.fastPipelineConfig(anvil.rpcUrl(), contracts, dir, scenario),
            Clock.systemUTC())) {
      PipelineIT.awaitFinalizedWith(reader, List.of(sent), Duration.ofSeconds(60));
      assertEquals(
          task.expected().toBytes32(), reader.finalizedResult(sent.commitment()).orElseThrow());
      BatchRecord batch =
          second.node().store().latest(20).stream()
              .filter(
                  b -> b.tasks().stream().anyMatch(t -> t.commitment().equals(sent.commitment())))
              .findFirst()
              .orElseThrow();
      awaitStage(second, batch, Stage.FINALIZED);
      List<Intent> intents = second.node().intents().forBatch(batch.id());
      assertTrue(intents.size() >= 3, intents.toString());
      for (Intent intent : intents) {
        assertEquals(IntentState.CONFIRMED, intent.state(), intent.toString());
        assertTrue(intent.sends() <= 1, "sent once at most: " + intent);
      }
      BatchRecord done = second.node().store().get(batch.id());
      Bytes32 fact = BatchFiles.fact(done, second.stages().programHash());
      assertEquals(
          1,
          countLogs(
              contracts.factsRegistry(),
              EventEncoder.encode(DevFactsRegistry.UNPROVENFACTMARKEDVALID_EVENT),
              fact.toHex()),
          "markValid once");
      var file = BatchFiles.batchFile(done);
      long authentications =
          logs(
                  contracts.hdpExecutionStore(),
                  EventEncoder.encode(HdpExecutionStore.TASKEXECUTIONSAUTHENTICATED_EVENT))
              .stream()
              .filter(data -> data.contains(file.tasksRoot().toHex().substring(2)))
              .count();
      assertEquals(1, authentications, "authenticateTaskExecution once");
    }
  }

  private static void awaitStage(OperatorNode node, BatchRecord batch, Stage stage)
      throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (node.node().store().get(batch.id()).stage() == stage) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(batch.id() + " never reached " + stage);
  }

  private static long countLogs(String address, String topic0, String topic1) throws Exception {
    EthFilter filter = filter(address);
    filter.addSingleTopic(topic0);
    filter.addSingleTopic(topic1);
    return scenario.web3j().ethGetLogs(filter).send().getLogs().size();
  }

  private static List<String> logs(String address, String topic0) throws Exception {
    EthFilter filter = filter(address);
    filter.addSingleTopic(topic0);
    return scenario.web3j().ethGetLogs(filter).send().getLogs().stream()
        .map(r -> ((org.web3j.protocol.core.methods.response.Log) r.get()).getData())
        .toList();
  }

  private static EthFilter filter(String address) {
    return new EthFilter(
        DefaultBlockParameter.valueOf(BigInteger.ZERO),
        DefaultBlockParameter.valueOf("latest"),
        address);
  }
}
