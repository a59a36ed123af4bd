package dev.hdp.watcher.demo;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.task.Task;
import dev.hdp.fixtures.devchain.AnvilProcess;
import dev.hdp.watcher.chain.ContractReader;
import dev.hdp.watcher.chain.TaskRequester;
import dev.hdp.watcher.node.NodeConfig;
import dev.hdp.watcher.node.OperatorNode;
import dev.hdp.watcher.pipeline.PipelineConfig;
import dev.hdp.watcher.server.ServerConfig;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.Database;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo: Anvil, the contracts, history, on-chain requests, the node until every task is
 * finalized, and a table of results read back from the contract next to an independent
 * recomputation. Anvil is always stopped.
 */
public final class Demo {
  /** How long the demo waits for the node before giving up. */
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final PrintStream out;
  private final Optional<Integer> servePort;

  public Demo(PrintStream out) {
    this(out, Optional.empty());
  }

  /**
   * @param servePort when present, the node's request server listens on this loopback port, and
   *     after the report the demo keeps Anvil and the node running (for {@code curl}) until Ctrl-C
   */
  public Demo(PrintStream out, Optional<Integer> servePort) {
    this.out = out;
    this.servePort = servePort;
  }

  /** Node settings for a dev chain: every-second fact check, short intervals. */
  public static NodeConfig fastNodeConfig(Path database, String nodeId) {
    NodeConfig d = NodeConfig.defaults(database);
    return new NodeConfig(
        Database.h2FileUrl(database, false),
        d.dbUser(),
        d.dbPassword(),
        d.maxConnections(),
        nodeId,
        d.schedulerName(),
        false,
        4,
        "* * * * * ?",
        Duration.ofSeconds(5),
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        d.misfireThreshold(),
        d.clusterCheckin(),
        Duration.ofSeconds(5),
        java.util.Optional.empty());
  }

  /** Pipeline settings for a dev chain: no confirmations, fast polling. */
  public static PipelineConfig fastPipelineConfig(
      String rpcUrl, DeployedContracts contracts, Path dataDir, DevChainScenario scenario) {
    return new PipelineConfig(
        URI.create(rpcUrl),
        contracts,
        dataDir,
        scenario.operator(),
        scenario.devProver(),
        1,
        contracts.deployBlock(),
        0,
        Duration.ofMillis(100),
        1000,
        128,
        false);
  }

  /** Runs the demo with its data in {@code dataDir}; returns the exit code. */
  public int run(Path dataDir) {
    long started = System.nanoTime();
    out.println("hdp demo: the operator pipeline on a local Anvil (dev prover: UNPROVEN facts)");
    try (AnvilProcess anvil = AnvilProcess.start(new AnvilProcess.Options(1000, 10, 0))) {
      out.printf("  anvil        %s (stopped at the end)%n", anvil.rpcUrl());
      DevChainScenario scenario = new DevChainScenario(anvil.rpcUrl(), anvil.privateKeys());
      try {
        DeployedContracts contracts = scenario.deploy();
        contracts.write(dataDir.resolve("contracts.json"));
        out.printf(
            "  deployed     HdpExecutionStore %s, DevFactsRegistry %s%n",
            contracts.hdpExecutionStore(), contracts.factsRegistry());
        scenario.mineHistory(50);
        out.printf(
            "  history      blocks %d-%d: transfers, storage writes, legacy/2930/1559 txs%n",
            scenario.historyStart(), scenario.historyEnd());
        List<DevChainScenario.ScenarioTask> tasks = scenario.tasks();
        try (OperatorNode node =
            OperatorNode.start(
                fastNodeConfig(dataDir.resolve("node"), "demo")
                    .withServer(servePort.map(ServerConfig::loopback)),
                fastPipelineConfig(anvil.rpcUrl(), contracts, dataDir, scenario),
                Clock.systemUTC())) {
          List<Task> requested = tasks.stream().map(DevChainScenario.ScenarioTask::task).toList();
          List<TaskRequester.Sent> sent =
              new TaskRequester(scenario.web3j(), contracts, scenario.user()).request(requested);
          out.printf(
              "  requested    %d tasks on-chain (blocks %d-%d)%n",
              sent.size(), sent.getFirst().block(), sent.getLast().block());
          ContractReader reader = new ContractReader(scenario.web3j(), contracts);
          boolean finalized = awaitFinalized(node, reader, sent);
          int code = report(tasks, sent, reader, finalized, started);
          if (servePort.isPresent()) {
            serve(node, sent);
          }
          return code;
        }
      } finally {
        scenario.close();
      }
    } catch (Exception e) {
      out.println("hdp demo FAILED: " + e);
      return 1;
    } finally {
      cleanedUp();
    }
  }

  /** Keeps everything running until the JVM is asked to stop, then lets the demo clean up. */
  private void serve(OperatorNode node, List<TaskRequester.Sent> sent) throws InterruptedException {
    java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch cleaned = new java.util.concurrent.CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                cleaned.await(15, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Runtime.getRuntime().addShutdownHook(hook);
    URI server = node.node().serverUri().orElseThrow();
    out.println();
    out.printf("  serving      %s  (Ctrl-C stops the node and Anvil)%n", server);
    out.printf("               curl -s %s/v1/batches%n", server);
    out.printf("               curl -s %s/v1/tasks/%s%n", server, sent.getFirst().commitment());
    out.flush();
    try {
      stop.await();
    } finally {
      // The try-with-resources blocks of run close the node and Anvil; the hook waits for that.
      CLEANED.set(cleaned);
    }
  }

  private static final java.util.concurrent.atomic.AtomicReference<
          java.util.concurrent.CountDownLatch>
      CLEANED = new java.util.concurrent.atomic.AtomicReference<>();

  /** Called once the demo's resources are closed, so a waiting shutdown hook lets the JVM go. */
  static void cleanedUp() {
    java.util.concurrent.CountDownLatch latch = CLEANED.getAndSet(null);
    if (latch != null) {
      latch.countDown();
    }
  }

  private boolean awaitFinalized(
      OperatorNode node, ContractReader reader, List<TaskRequester.Sent> sent)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    Map<String, Stage> shown = new HashMap<>();
    while (System.nanoTime() < deadline) {
      for (BatchRecord batch : node.node().store().latest(50)) {
        Stage stage = batch.stage();
        if (shown.put(batch.id().value(), stage) != stage) {
          out.printf(
              "  batch %s  %-13s %s%n",
              batch.id(),
              stage,
              batch
                  .failure()
                  .map(f -> "(" + f.stage() + ": " + f.reason() + ")")
                  .orElse(
                      stage == Stage.FACT_PENDING || stage == Stage.FINALIZED
                          ? "[prover: dev, UNPROVEN]"
                          : ""));
          if (stage == Stage.FAILED) {
            return false;
          }
        }
      }
      if (sent.stream()
          .allMatch(
              s -> reader.taskStatus(s.commitment()) == ContractReader.TaskStatus.FINALIZED)) {
        return true;
      }
      Thread.sleep(100);
    }
    out.println("  timed out after " + TIMEOUT.toSeconds() + " s");
    return false;
  }

  private int report(
      List<DevChainScenario.ScenarioTask> tasks,
      List<TaskRequester.Sent> sent,
      ContractReader reader,
      boolean finalized,
      long started) {
    out.println();
    String format = "%-4s %-13s %-52s %-22s %-22s %s%n";
    out.printf(format, "#", "KIND", "TASK", "ON-CHAIN RESULT", "RECOMPUTED (RPC)", "");
    int wrong = 0;
    List<String> commitments = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      DevChainScenario.ScenarioTask task = tasks.get(i);
      Optional<Bytes32> onChain = reader.finalizedResult(sent.get(i).commitment());
      boolean ok = onChain.isPresent() && onChain.get().equals(task.expected().toBytes32());
      if (!ok) {
        wrong++;
      }
      out.printf(
          format,
          i,
          task.kind(),
          task.description(),
          onChain.map(r -> r.toBigInteger().toString()).orElse("not finalized"),
          task.expected().value().toString(),
          ok ? "ok" : "MISMATCH");
      commitments.add(sent.get(i).commitment().toHex());
    }
    out.println();
    out.println("Results are UNPROVEN: the dev prover marked each fact valid without a proof.");
    double seconds = (System.nanoTime() - started) / 1e9;
    if (finalized && wrong == 0) {
      out.printf(
          "hdp demo OK: %d tasks finalized, every on-chain result equals the"
              + " recomputation (%.1f s)%n",
          tasks.size(), seconds);
      return 0;
    }
    out.printf(
        "hdp demo FAILED: %s%n",
        !finalized
            ? "not every task was finalized"
            : wrong + " results differ from the recomputation");
    return 1;
  }
}
