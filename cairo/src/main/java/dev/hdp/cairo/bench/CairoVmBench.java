package dev.hdp.cairo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.builtins.Layout;
import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.crypto.Pedersen;
import dev.hdp.cairo.crypto.Poseidon;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.Identifier;
import dev.hdp.cairo.program.ProgramLoader;
import dev.hdp.cairo.runner.CairoRunner;
import dev.hdp.cairo.runner.RunOptions;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Steps per second of the VM on long-running programs without hints in their loops, and Pedersen
 * and Poseidon hashes per second. Prints a table. See {@code cairo/README.md} for the command.
 */
public final class CairoVmBench {
  private CairoVmBench() {}

  public static void main(String[] args) throws Exception {
    Path fixtures =
        Path.of(
            args.length > 0
                ? args[0]
                : System.getProperty("hdp.fixtures.dir", "../shared/fixtures"));
    run(System.out, fixtures);
  }

  /**
   * A hand-assembled countdown: {@code [ap] = n; loop: [ap] = [ap-1] - 1; jnz loop; ret}, which
   * runs {@code 2n + 2} steps with no hints (also used by the JMH benchmarks module).
   */
  public static CompiledProgram countdown(long n) {
    BigInteger p = CompiledProgram.STARK_PRIME;
    List<BigInteger> data =
        List.of(
            new BigInteger("480680017fff8000", 16), // [ap] = imm; ap++
            BigInteger.valueOf(n),
            new BigInteger("482480017fff8000", 16), // [ap] = [ap - 1] + imm; ap++
            p.subtract(BigInteger.ONE),
            new BigInteger("020680017fff7fff", 16), // jmp rel imm if [ap - 1] != 0 (op0 = [fp - 1])
            p.subtract(BigInteger.TWO),
            new BigInteger("208b7fff7fff7ffe", 16)); // ret
    return new CompiledProgram(
        p,
        data,
        List.of(),
        Map.of(),
        Map.of("__main__.main", new Identifier.Function(0, List.of())),
        List.of(),
        List.of(),
        "__main__",
        null,
        null);
  }

  /** Runs every benchmark (fixtures from {@code hdp.fixtures.dir} or ../shared/fixtures). */
  public static void run(PrintStream out) throws Exception {
    run(out, Path.of(System.getProperty("hdp.fixtures.dir", "../shared/fixtures")));
  }

  /** Runs every benchmark and prints the table. */
  public static void run(PrintStream out, Path fixtures) throws Exception {
    out.printf("%-44s %12s %10s %14s%n", "benchmark", "work", "seconds", "per second");
    CompiledProgram loop = countdown(2_000_000);
    measure(
        out,
        "countdown loop (no hints, 4M steps)",
        () -> steps(new CairoRunner(loop, opts(null)).run()));
    measure(
        out,
        "countdown loop, trace off",
        () -> steps(new CairoRunner(loop, opts(null).withTrace(false)).run()));
    Path fib = fixtures.resolve("cairo/fibonacci_compiled.json");
    if (Files.isRegularFile(fib)) {
      CompiledProgram program = ProgramLoader.load(fib);
      var input =
          new ObjectMapper().readTree("{\"second_element\": 1, \"fibonacci_claim_index\": 500000}");
      measure(
          out,
          "fibonacci_compiled.json, claim index 500000",
          () -> steps(new CairoRunner(program, opts(input)).run()));
    } else {
      out.println("(fibonacci_compiled.json not found under " + fixtures + "; skipped)");
    }
    Felt252 a =
        Felt252.fromHex("0x3d937c035c878245caf64531a5756109c53068da139362728feb561405371cb");
    Felt252 b =
        Felt252.fromHex("0x208a0a10250e382e1e4bbe2880906c2791bf6275695e02fbbc6aeff9cd8b31a");
    measure(
        out,
        "Pedersen hashes",
        () -> {
          Felt252 h = a;
          for (int i = 0; i < 20_000; i++) {
            h = Pedersen.hash(h, b);
          }
          return h.isZero() ? 0 : 20_000;
        });
    measure(
        out,
        "Poseidon hashes (hash of two)",
        () -> {
          Felt252 h = a;
          for (int i = 0; i < 100_000; i++) {
            h = Poseidon.hash(h, b);
          }
          return h.isZero() ? 0 : 100_000;
        });
  }

  private static RunOptions opts(com.fasterxml.jackson.databind.JsonNode input) {
    return RunOptions.defaults().withLayout(Layout.ALL_CAIRO).withProgramInput(input);
  }

  private static long steps(CairoRunner r) {
    return r.vm().steps();
  }

  interface Work {
    long run() throws Exception;
  }

  /** One warm-up, then the best of three timed rounds. */
  private static void measure(PrintStream out, String name, Work work) throws Exception {
    work.run();
    long best = Long.MAX_VALUE;
    long units = 0;
    for (int i = 0; i < 3; i++) {
      System.gc();
      long t = System.nanoTime();
      units = work.run();
      best = Math.min(best, System.nanoTime() - t);
    }
    double seconds = best / 1e9;
    out.printf("%-44s %12d %10.3f %14.0f%n", name, units, seconds, units / seconds);
  }
}
