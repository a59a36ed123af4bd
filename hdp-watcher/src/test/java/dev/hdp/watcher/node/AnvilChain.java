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
import dev.hdp.watcher.pipeline.PipelineConfig;
import dev.hdp.watcher.schedule.StageHandlers;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.Intent;
import dev.hdp.watcher.store.IntentState;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The Anvil integration tests' chain: Anvil started, our contracts deployed, some history mined;
 * operator nodes started on it with fast settings, and the checks of what they did on-chain. One
 * per test class ({@code @BeforeAll}/{@code @AfterAll}); the test is skipped when Anvil is not
 * installed ({@code npm ci} in tools/).
 */
final class AnvilChain implements AutoCloseable {
  /** The intent kinds of the dev prover's markValid and of the authentication. */
  static final String MARK_VALID = "dev-mark-valid";

  static final String AUTHENTICATE = "authenticate-task-execution";

  final AnvilProcess anvil;
  final DevChainScenario scenario;
  final DeployedContracts contracts;
  final ContractReader reader;

  private AnvilChain(AnvilProcess anvil, DevChainScenario scenario, DeployedContracts contracts) {
    this.anvil = anvil;
    this.scenario = scenario;
    this.contracts = contracts;
    this.reader = new ContractReader(scenario.web3j(), contracts);
  }

  /** Starts Anvil, deploys the contracts and mines {@code historyBlocks} blocks of history. */
  static AnvilChain start(int historyBlocks) throws Exception {
    Assumptions.assumeTrue(AnvilProcess.isInstalled(), "Anvil not installed (npm ci in tools/)");
    AnvilProcess anvil = AnvilProcess.start(new AnvilProcess.Options(500, 10, 0));
    DevChainScenario scenario = null;
    try {
      scenario = new DevChainScenario(anvil.rpcUrl(), anvil.privateKeys());
      DeployedContracts contracts = scenario.deploy();
      scenario.mineHistory(historyBlocks);
      return new AnvilChain(anvil, scenario, contracts);
    } catch (Exception | Error e) {
      if (scenario != null) {
        scenario.close();
      }
      anvil.close();
      throw e;
    }
  }

  /**
   * One chain for a test class, started before its tests and closed after them:
   * {@code @RegisterExtension static final AnvilChain.PerClass anvil = new
   * AnvilChain.PerClass(12);}.
   */
  static final class PerClass implements BeforeAllCallback, AfterAllCallback {
    private final int historyBlocks;
    private AnvilChain chain;

    PerClass(int historyBlocks) {
      this.historyBlocks = historyBlocks;
    }

    /** The running chain. */
    AnvilChain get() {
      if (chain == null) {
        throw new IllegalStateException("the chain runs only during the test class");
      }
      return chain;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
      chain = start(historyBlocks);
    }

    @Override
    public void afterAll(ExtensionContext context) {
      if (chain != null) { // null when Anvil is missing and the class was skipped
        chain.close();
        chain = null;
      }
    }
  }

  @Override
  public void close() {
    try {
      scenario.close();
    } finally {
      anvil.close();
    }
  }

  /** Fast pipeline settings with data in {@code dataDir}, waiting for {@code confirmations}. */
  PipelineConfig pipelineConfig(Path dataDir, int confirmations) {
    PipelineConfig fast = Demo.fastPipelineConfig(anvil.rpcUrl(), contracts, dataDir, scenario);
    return new PipelineConfig(
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
  }

  /** A node with fast settings on an H2 database in {@code dir}, its data in {@code dir} too. */
  OperatorNode startNode(Path dir, String nodeId, int confirmations) {
    return startNode(
        Demo.fastNodeConfig(dir.resolve("node"), nodeId),
        dir,
        confirmations,
        UnaryOperator.identity());
  }

  /** A node on this chain; {@code decorate} wraps its stage handlers (to stop one half-way). */
  OperatorNode startNode(
      NodeConfig node, Path dataDir, int confirmations, UnaryOperator<StageHandlers> decorate) {
    return OperatorNode.start(
        node, pipelineConfig(dataDir, confirmations), Clock.systemUTC(), decorate);
  }

  /** Requests {@code task} on-chain as the scenario's user. */
  TaskRequester.Sent request(DevChainScenario.ScenarioTask task) throws Exception {
    return requester().request(List.of(task.task())).getFirst();
  }

  TaskRequester requester() throws java.io.IOException {
    return new TaskRequester(scenario.web3j(), contracts, scenario.user());
  }

  /** Waits until every requested task is finalized on-chain. */
  void awaitFinalized(List<TaskRequester.Sent> sent, Duration timeout) throws Exception {
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

  /** Waits until the node's store shows {@code batch} in {@code stage}. */
  static void awaitStage(OperatorNode node, BatchId batch, Stage stage, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (node.node().store().get(batch).stage() == stage) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(batch + " never reached " + stage + " within " + timeout);
  }

  /** The batch in {@code node}'s store holding the task requested by {@code sent}. */
  static BatchRecord batchOf(OperatorNode node, TaskRequester.Sent sent) {
    return node.node().store().latest(200).stream()
        .filter(b -> b.tasks().stream().anyMatch(t -> t.commitment().equals(sent.commitment())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no batch holds " + sent.commitment()));
  }

  /**
   * Checks that a finalized batch took each on-chain effect exactly once: its intents (markValid
   * and authenticate, and an accumulator append when its blocks needed one) are all confirmed, the
   * fact was marked valid once and the task execution authenticated once, by the chain's events.
   *
   * @param maxSends how often one intent may have been sent (1 unless nodes share a key)
   */
  void assertEffectsOnce(OperatorNode node, BatchId id, int maxSends) throws Exception {
    List<Intent> intents = node.node().intents().forBatch(id);
    assertTrue(
        intents.stream().map(Intent::kind).toList().containsAll(List.of(MARK_VALID, AUTHENTICATE)),
        intents.toString());
    for (Intent intent : intents) {
      assertEquals(IntentState.CONFIRMED, intent.state(), intent.toString());
      assertTrue(intent.sends() <= maxSends, "sent " + maxSends + " times at most: " + intent);
    }
    BatchRecord done = node.node().store().get(id);
    Bytes32 fact = BatchFiles.fact(node.node().store(), done, node.stages().programHash());
    EthFilter marked = filter(contracts.factsRegistry());
    marked.addSingleTopic(EventEncoder.encode(DevFactsRegistry.UNPROVENFACTMARKEDVALID_EVENT));
    marked.addSingleTopic(fact.toHex());
    assertEquals(
        1, scenario.web3j().ethGetLogs(marked).send().getLogs().size(), "markValid once: " + id);
    String tasksRoot =
        BatchFiles.batchFile(node.node().store(), done).tasksRoot().toHex().substring(2);
    EthFilter authenticated = filter(contracts.hdpExecutionStore());
    authenticated.addSingleTopic(
        EventEncoder.encode(HdpExecutionStore.TASKEXECUTIONSAUTHENTICATED_EVENT));
    long authentications =
        scenario.web3j().ethGetLogs(authenticated).send().getLogs().stream()
            .map(r -> ((Log) r.get()).getData())
            .filter(data -> data.contains(tasksRoot))
            .count();
    assertEquals(1, authentications, "authenticateTaskExecution once: " + id);
  }

  private static EthFilter filter(String address) {
    return new EthFilter(
        DefaultBlockParameter.valueOf(BigInteger.ZERO),
        DefaultBlockParameter.valueOf("latest"),
        address);
  }
}
