package dev.hdp.watcher.bench;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.fixtures.devchain.AnvilProcess;
import dev.hdp.watcher.chain.ContractReader;
import dev.hdp.watcher.chain.TaskRequester;
import dev.hdp.watcher.demo.Demo;
import dev.hdp.watcher.demo.DevChainScenario;
import dev.hdp.watcher.node.OperatorNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Request → finalized on the dev chain: a 100-block account task requested on-chain, timed from
 * sending the request transaction to the moment {@code getTaskStatus} reports FINALIZED (polled
 * every 5 ms), through the whole node: event watcher, online preprocessing (101 headers and account
 * proofs, an accumulator append), the UNPROVEN program output, the dev prover's {@code markValid},
 * the fact-check cron (every second), {@code cacheMmrRootAt} and {@code authenticateTaskExecution}.
 * The node runs as {@code hdp demo} runs it (no confirmations, 100 ms polls). Goal: at most 5 s.
 */
public final class PipelineBench {
  static final int BLOCKS = 100;
  static final int RUNS = 5;

  private PipelineBench() {}

  public static void run(PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("hdp-pipeline-bench");
    try (AnvilProcess anvil = AnvilProcess.start(new AnvilProcess.Options(1000, 10, 0))) {
      DevChainScenario scenario = new DevChainScenario(anvil.rpcUrl(), anvil.privateKeys());
      try {
        DeployedContracts contracts = scenario.deploy();
        scenario.mineHistory(BLOCKS / 2 + 5);
        ContractReader reader = new ContractReader(scenario.web3j(), contracts);
        TaskRequester requester = new TaskRequester(scenario.web3j(), contracts, scenario.user());
        List<Double> seconds = new ArrayList<>();
        try (OperatorNode node =
            OperatorNode.start(
                Demo.fastNodeConfig(dir.resolve("node"), "bench"),
                Demo.fastPipelineConfig(anvil.rpcUrl(), contracts, dir, scenario),
                Clock.systemUTC())) {
          out.printf(
              "node %s polling every %s ms%n",
              node.config().contracts().hdpExecutionStore(),
              node.config().pollInterval().toMillis());
          out.printf("%-4s %-44s %10s%n", "run", "task", "seconds");
          for (int run = 0; run < RUNS; run++) {
            // Each run a new block range (the contract refuses a task registered before).
            scenario.mine(1);
            DevChainScenario.ScenarioTask task = scenario.accountTaskEndingAtHead(BLOCKS);
            long start = System.nanoTime();
            TaskRequester.Sent sent = requester.request(List.of(task.task())).getFirst();
            while (reader.taskStatus(sent.commitment()) != ContractReader.TaskStatus.FINALIZED) {
              if (System.nanoTime() - start > 60_000_000_000L) {
                throw new IllegalStateException("not finalized within 60 s");
              }
              Thread.sleep(5);
            }
            double s = (System.nanoTime() - start) / 1e9;
            if (!reader
                .finalizedResult(sent.commitment())
                .orElseThrow()
                .equals(task.expected().toBytes32())) {
              throw new IllegalStateException("run " + run + ": result differs from RPC");
            }
            seconds.add(s);
            out.printf("%-4d %-44s %10.2f%n", run, task.description(), s);
          }
        }
        seconds.sort(Comparator.naturalOrder());
        out.printf(
            "request → finalized, %d-block account task, %d runs: median %.2f s, max %.2f s"
                + " (goal ≤ 5 s)%n",
            BLOCKS, RUNS, seconds.get(RUNS / 2), seconds.getLast());
      } finally {
        scenario.close();
      }
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  public static void main(String[] args) throws Exception {
    run(System.out);
  }
}
