package dev.hdp.cairo.program;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.crypto.Pedersen;
import dev.hdp.cairo.crypto.Poseidon;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The program hash as {@code cairo-hash-program} (and the bootloader) compute it over the stripped
 * program: {@code [bootloader_version=0, main, n_builtins, builtin names as big-endian ASCII...,
 * data...]}, hashed with a Pedersen chain over {@code [len] + that}, or with Poseidon hash-many (no
 * length prefix).
 */
public final class ProgramHash {
  private ProgramHash() {}

  /** The hashed words of a stripped program. */
  public static List<Felt252> dataChain(StrippedProgram program) {
    List<Felt252> chain = new ArrayList<>();
    chain.add(Felt252.ZERO);
    chain.add(Felt252.of(program.main()));
    chain.add(Felt252.of(program.builtins().size()));
    for (String b : program.builtins()) {
      chain.add(Felt252.of(new BigInteger(1, b.getBytes(StandardCharsets.US_ASCII))));
    }
    for (BigInteger word : program.data()) {
      chain.add(Felt252.of(word));
    }
    return chain;
  }

  /** The Pedersen program hash (what SHARP uses by default). */
  public static Felt252 pedersen(StrippedProgram program) {
    List<Felt252> chain = dataChain(program);
    List<Felt252> withLength = new ArrayList<>(chain.size() + 1);
    withLength.add(Felt252.of(chain.size()));
    withLength.addAll(chain);
    return Pedersen.hashChain(withLength);
  }

  /** The Poseidon program hash. */
  public static Felt252 poseidon(StrippedProgram program) {
    return Poseidon.hashMany(dataChain(program));
  }
}
