package dev.hdp.cairo.bench;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.crypto.Pedersen;
import dev.hdp.cairo.crypto.Poseidon;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;

/**
 * Single-threaded throughput of the STARK-field crypto: Felt252 multiplication, the Poseidon
 * permutation and hashes, and the Pedersen hash. Each case is warmed up, then timed over a fixed
 * wall-clock budget (best of three rounds); results feed a data dependency into the next call so
 * nothing is optimised away.
 */
public final class CryptoBench {

  private static final long WARMUP_NANOS = 1_000_000_000L;
  private static final long MEASURE_NANOS = 1_000_000_000L;
  private static final int ROUNDS = 3;

  private CryptoBench() {}

  /** Runs the benchmark and prints the table to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs every case and prints one table row per case. */
  public static void run(PrintStream out) {
    SplittableRandom rnd = new SplittableRandom(42);
    Felt252[] inputs = new Felt252[64];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] =
          Felt252.reduce(new java.math.BigInteger(256, new java.util.Random(rnd.nextLong())));
    }
    List<Felt252> sixteen = List.of(java.util.Arrays.copyOf(inputs, 16));

    List<Row> rows = new ArrayList<>();
    Felt252[] sink = {inputs[0]};

    rows.add(
        measure(
            "Felt252 mul",
            "",
            n -> {
              Felt252 x = sink[0];
              Felt252 y = inputs[1];
              for (long i = 0; i < n; i++) {
                x = x.mul(y);
              }
              sink[0] = x;
              return n;
            }));
    rows.add(
        measure(
            "Felt252 add",
            "",
            n -> {
              Felt252 x = sink[0];
              Felt252 y = inputs[2];
              for (long i = 0; i < n; i++) {
                x = x.add(y);
              }
              sink[0] = x;
              return n;
            }));
    rows.add(
        measure(
            "Felt252 inverse",
            "",
            n -> {
              Felt252 x = sink[0];
              for (long i = 0; i < n; i++) {
                x = x.add(Felt252.ONE).inverse();
              }
              sink[0] = x;
              return n;
            }));
    rows.add(
        measure(
            "Poseidon permutation",
            "<= 5 us",
            n -> {
              Felt252[] s = {inputs[3], inputs[4], inputs[5]};
              for (long i = 0; i < n; i++) {
                s = Poseidon.permute(s);
              }
              sink[0] = s[0];
              return n;
            }));
    rows.add(
        measure(
            "poseidon_hash(x, y)",
            "",
            n -> {
              Felt252 x = sink[0];
              for (long i = 0; i < n; i++) {
                x = Poseidon.hash(x, inputs[6]);
              }
              sink[0] = x;
              return n;
            }));
    rows.add(
        measure(
            "poseidon_hash_many(16 felts)",
            "",
            n -> {
              Felt252 x = sink[0];
              for (long i = 0; i < n; i++) {
                x = x.add(Poseidon.hashMany(sixteen));
              }
              sink[0] = x;
              return n;
            }));
    rows.add(
        measure(
            "pedersen(x, y)",
            ">= 20,000/s",
            n -> {
              Felt252 x = sink[0];
              for (long i = 0; i < n; i++) {
                x = Pedersen.hash(x, inputs[(int) (i & 63)]);
              }
              sink[0] = x;
              return n;
            }));

    out.printf(
        Locale.ROOT,
        "CryptoBench (single thread, Java %s, %s)%n",
        System.getProperty("java.version"),
        System.getProperty("os.arch"));
    out.printf(
        Locale.ROOT,
        "%-30s %14s %12s %14s %12s  %s%n",
        "operation",
        "ops/s (wall)",
        "time/op",
        "ops/cpu-s",
        "cpu/op",
        "target");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "%-30s %,14.0f %12s %,14.0f %12s  %s%n",
          r.name,
          r.opsPerSecond,
          formatTime(1e9 / r.opsPerSecond),
          r.opsPerCpuSecond,
          formatTime(1e9 / r.opsPerCpuSecond),
          r.target);
    }
    out.println(
        "(best of "
            + ROUNDS
            + " rounds; cpu columns use this thread's CPU time, which differs from wall time"
            + " when the machine is busy)");
    out.printf(Locale.ROOT, "(checksum %s)%n", sink[0].toHex().substring(0, 10));
  }

  private record Row(String name, double opsPerSecond, double opsPerCpuSecond, String target) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Warms up, then times {@link #ROUNDS} rounds and keeps the best of each rate: on a shared
   * machine the best round is the one least disturbed by other processes.
   */
  private static Row measure(String name, String target, LongUnaryOperator body) {
    runFor(body, WARMUP_NANOS);
    double bestWall = 0;
    double bestCpu = 0;
    for (int round = 0; round < ROUNDS; round++) {
      double[] rates = runFor(body, MEASURE_NANOS);
      bestWall = Math.max(bestWall, rates[0]);
      bestCpu = Math.max(bestCpu, rates[1]);
    }
    return new Row(name, bestWall, bestCpu, target);
  }

  /** Returns {ops per wall-clock second, ops per CPU second of this thread}. */
  private static double[] runFor(LongUnaryOperator body, long budgetNanos) {
    long ops = 0;
    long batch = 1;
    long start = System.nanoTime();
    long cpuStart = cpuTime();
    long elapsed;
    do {
      ops += body.applyAsLong(batch);
      elapsed = System.nanoTime() - start;
      if (elapsed < budgetNanos / 20) {
        batch *= 2;
      }
    } while (elapsed < budgetNanos);
    long cpu = cpuTime() - cpuStart;
    return new double[] {ops * 1e9 / elapsed, cpu > 0 ? ops * 1e9 / cpu : Double.NaN};
  }

  private static long cpuTime() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }

  private static String formatTime(double nanos) {
    if (nanos < 1_000) {
      return String.format(Locale.ROOT, "%.1f ns", nanos);
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.2f us", nanos / 1_000);
    }
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1_000_000);
  }
}
