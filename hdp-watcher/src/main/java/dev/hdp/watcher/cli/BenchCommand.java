package dev.hdp.watcher.cli;

import dev.hdp.cairo.bench.CairoVmBench;
import dev.hdp.cairo.bench.CompilerBench;
import dev.hdp.cairo.bench.CryptoBench;
import dev.hdp.contracts.bench.GasBench;
import dev.hdp.core.bench.TaskCodecBench;
import dev.hdp.core.bench.VerifyBench;
import dev.hdp.preprocess.bench.OnlineBench;
import dev.hdp.watcher.bench.PipelineBench;
import dev.hdp.watcher.bench.ServerBench;
import dev.hdp.watcher.bench.StoreBench;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hdp bench NAME}: runs one of the benchmarks, each of which prints a table. Benchmarks are
 * commands, never tests: their figures depend on the machine and are reported, not asserted.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Run a benchmark and print its table: crypto, verify, codec, cairo, compile, gas, store,"
            + " online, pipeline, server. The JMH benchmarks run with ./hdp bench jmh [JMH"
            + " options] (their own jar, benchmarks/target/benchmarks.jar).")
final class BenchCommand implements Callable<Integer> {
  /** A benchmark: prints its table to the stream. */
  @FunctionalInterface
  interface Benchmark {
    void run(PrintStream out, Path fixtures) throws Exception;
  }

  static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

  static {
    BENCHMARKS.put("crypto", (out, fixtures) -> CryptoBench.run(out));
    BENCHMARKS.put("verify", (out, fixtures) -> VerifyBench.run(out, fixtures, 3.0, Set.of()));
    BENCHMARKS.put("codec", (out, fixtures) -> TaskCodecBench.run(out));
    BENCHMARKS.put("cairo", CairoVmBench::run);
    BENCHMARKS.put("compile", (out, fixtures) -> CompilerBench.run(out));
    BENCHMARKS.put("gas", (out, fixtures) -> GasBench.run(out));
    BENCHMARKS.put("store", (out, fixtures) -> StoreBench.run(out));
    BENCHMARKS.put("online", (out, fixtures) -> OnlineBench.run(out));
    BENCHMARKS.put("pipeline", (out, fixtures) -> PipelineBench.run(out));
    BENCHMARKS.put("server", (out, fixtures) -> ServerBench.run(out));
  }

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "NAME",
      completionCandidates = Names.class,
      description = "Which benchmark: ${COMPLETION-CANDIDATES}.")
  String name;

  @Override
  public Integer call() throws Exception {
    Benchmark benchmark = BENCHMARKS.get(name);
    if (benchmark == null && name.equals("jmh")) {
      spec.commandLine()
          .getErr()
          .println(
              "error: the JMH benchmarks have their own jar: run ./hdp bench jmh [JMH options], or"
                  + " java -jar benchmarks/target/benchmarks.jar [JMH options]");
      return 2;
    }
    if (benchmark == null) {
      spec.commandLine()
          .getErr()
          .println("error: unknown benchmark '" + name + "'; known: " + BENCHMARKS.keySet());
      return 2;
    }
    Path home = Path.of(System.getenv().getOrDefault("HDP_HOME", "."));
    benchmark.run(System.out, CliSupport.fixturesDir(home));
    return 0;
  }

  /** The names, for help and completion. */
  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return BENCHMARKS.keySet().iterator();
    }
  }
}
