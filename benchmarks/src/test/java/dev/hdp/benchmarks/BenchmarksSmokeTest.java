package dev.hdp.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.fixtures.SharedFixtures;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark once, in this JVM, for one tiny iteration: the generated harness, the setups
 * (including the fixture checks) and the step counter work. It measures nothing; figures come from
 * {@code ./hdp bench jmh}.
 */
class BenchmarksSmokeTest {

  @Test
  void everyBenchmarkRunsAndTheStepCounterCountsTheVmSteps() throws RunnerException {
    SharedFixtures.resolve("cairo/fibonacci_compiled.json");
    SharedFixtures.resolve("hdp-sepolia");
    Options options =
        new OptionsBuilder()
            .include("dev\\.hdp\\.benchmarks\\..*")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(20))
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .build();
    Collection<RunResult> results = new Runner(options).run();

    Map<String, RunResult> byName = new TreeMap<>();
    for (RunResult r : results) {
      BenchmarkParams params = r.getParams();
      String name = params.getBenchmark().replace("dev.hdp.benchmarks.", "");
      String trace = params.getParam("trace");
      byName.put(trace == null ? name : name + "(trace=" + trace + ")", r);
    }
    assertEquals(
        java.util.List.of(
            "CairoVmBenchmark.countdown(trace=false)",
            "CairoVmBenchmark.countdown(trace=true)",
            "CairoVmBenchmark.fibonacci(trace=false)",
            "CairoVmBenchmark.fibonacci(trace=true)",
            "CryptoBenchmark.felt252Mul",
            "CryptoBenchmark.pedersenHash",
            "CryptoBenchmark.poseidonHash",
            "CryptoBenchmark.poseidonHashMany16",
            "CryptoBenchmark.poseidonPermutation",
            "ProofVerifyBenchmark.accountProof",
            "ProofVerifyBenchmark.storageProof",
            "ProofVerifyBenchmark.transactionProof"),
        java.util.List.copyOf(byName.keySet()));
    for (Map.Entry<String, RunResult> e : byName.entrySet()) {
      assertTrue(e.getValue().getPrimaryResult().getScore() > 0, e.getKey());
    }
    // Runs and steps are counted over the same iteration, so their ratio is steps per run: the
    // countdown from n does [ap] = n, then n turns of two instructions, then ret.
    for (String trace : new String[] {"true", "false"}) {
      RunResult countdown = byName.get("CairoVmBenchmark.countdown(trace=" + trace + ")");
      Result<?> steps = countdown.getSecondaryResults().get("steps");
      double stepsPerRun = steps.getScore() / countdown.getPrimaryResult().getScore();
      assertEquals(2 * CairoVmBenchmark.COUNTDOWN_FROM + 2, stepsPerRun, 1e-3, trace);
      RunResult fibonacci = byName.get("CairoVmBenchmark.fibonacci(trace=" + trace + ")");
      assertTrue(
          fibonacci.getSecondaryResults().get("steps").getScore()
              > fibonacci.getPrimaryResult().getScore() * CairoVmBenchmark.FIBONACCI_CLAIM_INDEX,
          "fibonacci takes more than one step per claim index");
    }
  }
}
