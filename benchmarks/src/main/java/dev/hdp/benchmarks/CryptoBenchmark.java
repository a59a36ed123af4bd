package dev.hdp.benchmarks;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.crypto.Pedersen;
import dev.hdp.cairo.crypto.Poseidon;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Operations per second of the STARK-field crypto, single-threaded: Felt252 multiplication, the
 * Poseidon (Hades) permutation, {@code poseidon_hash(x, y)}, {@code poseidon_hash_many} of 16
 * elements, and the Pedersen hash. Inputs are random field elements (fixed seed) held in non-final
 * fields, so the JIT cannot fold the work; results are returned for JMH to consume.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CryptoBenchmark {
  private Felt252 x;
  private Felt252 y;
  private Felt252[] state;
  private List<Felt252> sixteen;

  /** Draws the inputs. */
  @Setup
  public void inputs() {
    Random random = new Random(42);
    Felt252[] felts = new Felt252[16];
    for (int i = 0; i < felts.length; i++) {
      felts[i] = Felt252.reduce(new BigInteger(256, random));
    }
    x = felts[0];
    y = felts[1];
    state = new Felt252[] {felts[2], felts[3], felts[4]};
    sixteen = List.of(felts);
  }

  /** {@code x * y} in Montgomery form. */
  @Benchmark
  public Felt252 felt252Mul() {
    return x.mul(y);
  }

  /** The Hades permutation of a three-element state (a new array each time). */
  @Benchmark
  public Felt252[] poseidonPermutation() {
    return Poseidon.permute(state);
  }

  /** {@code poseidon_hash(x, y)}: one permutation. */
  @Benchmark
  public Felt252 poseidonHash() {
    return Poseidon.hash(x, y);
  }

  /** {@code poseidon_hash_many} of 16 elements: nine permutations. */
  @Benchmark
  public Felt252 poseidonHashMany16() {
    return Poseidon.hashMany(sixteen);
  }

  /** {@code pedersen(x, y)}. */
  @Benchmark
  public Felt252 pedersenHash() {
    return Pedersen.hash(x, y);
  }
}
