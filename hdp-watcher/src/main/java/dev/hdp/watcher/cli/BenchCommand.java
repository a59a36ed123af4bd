package dev.hdp.watcher.cli;

import dev.hdp.cairo.bench.CompilerBench;
import dev.hdp.cairo.bench.CryptoBench;
import dev.hdp.contracts.bench.GasBench;
import dev.hdp.core.bench.TaskCodecBench;
import dev.hdp.watcher.bench.ServerBench;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
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
    description = "Run a benchmark and print its table. Names: ${COMPLETION-CANDIDATES}.")
final class BenchCommand implements Callable<Integer> {
  /** A benchmark: prints its table to the stream. */
  @FunctionalInterface
  interface Benchmark {
    void run(PrintStream out) throws Exception;
  }

  static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

  static {
    BENCHMARKS.put("crypto", CryptoBench::run);
    BENCHMARKS.put("codec", TaskCodecBench::run);
    BENCHMARKS.put("compile", CompilerBench::run);
    BENCHMARKS.put("gas", GasBench::run);
    BENCHMARKS.put("server", ServerBench::run);
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
    if (benchmark == null) {
      spec.commandLine()
          .getErr()
          .println("error: unknown benchmark '" + name + "'; known: " + BENCHMARKS.keySet());
      return 2;
    }
    benchmark.run(System.out);
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
