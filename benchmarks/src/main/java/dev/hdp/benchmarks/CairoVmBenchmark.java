package dev.hdp.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.bench.CairoVmBench;
import dev.hdp.cairo.builtins.Layout;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.ProgramLoader;
import dev.hdp.cairo.runner.CairoRunner;
import dev.hdp.cairo.runner.RunOptions;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cairo VM steps per second on the long-running, hint-free programs of {@code ./hdp bench cairo}:
 * the hand-assembled countdown from 2,000,000 and {@code fibonacci_compiled.json} (the shared
 * fixture) with claim index 500,000, each with the trace kept or not. The primary score is whole
 * runs per second; the secondary {@code steps} score is VM steps per second, counted from each
 * run's own step count.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
// Each run allocates its memory and trace anew (hundreds of MB per second): a fixed heap keeps
// heap resizing out of the figures.
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CairoVmBenchmark {
  /** Where the countdown starts: two steps per loop turn. */
  static final long COUNTDOWN_FROM = 2_000_000;

  /** The fibonacci fixture's {@code fibonacci_claim_index}. */
  static final int FIBONACCI_CLAIM_INDEX = 500_000;

  private static RunOptions options(boolean trace) {
    return RunOptions.defaults().withLayout(Layout.ALL_CAIRO).withTrace(trace);
  }

  /** The countdown program and its run options; needs no fixture. */
  @State(Scope.Benchmark)
  public static class Countdown {
    /** Whether the VM keeps the (pc, ap, fp) trace, as proof generation needs. */
    @Param({"true", "false"})
    public boolean trace;

    CompiledProgram program;
    RunOptions options;

    /** Assembles the program. */
    @Setup(Level.Trial)
    public void load() {
      program = CairoVmBench.countdown(COUNTDOWN_FROM);
      options = options(trace);
    }
  }

  /** The fibonacci fixture and its input. */
  @State(Scope.Benchmark)
  public static class Fibonacci {
    /** Whether the VM keeps the (pc, ap, fp) trace, as proof generation needs. */
    @Param({"true", "false"})
    public boolean trace;

    CompiledProgram program;
    RunOptions options;

    /** Loads the fixture and runs it once, checking that it outputs its claim index first. */
    @Setup(Level.Trial)
    public void load() throws IOException {
      program = ProgramLoader.load(BenchmarkFixtures.path("cairo/fibonacci_compiled.json"));
      options =
          options(trace)
              .withProgramInput(
                  new ObjectMapper()
                      .readTree(
                          "{\"second_element\": 1, \"fibonacci_claim_index\": "
                              + FIBONACCI_CLAIM_INDEX
                              + "}"));
      List<BigInteger> output = new CairoRunner(program, options).run().output();
      if (output.size() != 2 || !output.get(0).equals(BigInteger.valueOf(FIBONACCI_CLAIM_INDEX))) {
        throw new IllegalStateException("fibonacci fixture gave unexpected output " + output);
      }
    }
  }

  /** VM steps executed during the current iteration; JMH reports them per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Steps {
    /** Steps so far in this iteration. */
    public long steps;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      steps = 0;
    }

    long add(CairoRunner runner) {
      long n = runner.vm().steps();
      steps += n;
      return n;
    }
  }

  /** The countdown: three instructions, no hints, no builtins. */
  @Benchmark
  public long countdown(Countdown program, Steps steps) {
    return steps.add(new CairoRunner(program.program, program.options).run());
  }

  /** {@code fibonacci_compiled.json}: a compiled Cairo 0 program, with hints at its start only. */
  @Benchmark
  public long fibonacci(Fibonacci program, Steps steps) {
    return steps.add(new CairoRunner(program.program, program.options).run());
  }
}
