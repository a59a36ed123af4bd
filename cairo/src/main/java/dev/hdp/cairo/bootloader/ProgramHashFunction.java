package dev.hdp.cairo.bootloader;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.program.ProgramHash;
import dev.hdp.cairo.program.StrippedProgram;
import java.util.Locale;

/**
 * The hash the bootloader computes over a task's program ({@code execute_task.cairo}: {@code
 * PEDERSEN_HASH = 0}, {@code POSEIDON_HASH = 1}, {@code BLAKE_HASH = 2}); the code is what the hint
 * {@code task.program_hash_function} puts in memory.
 */
public enum ProgramHashFunction {
  PEDERSEN(0),
  POSEIDON(1),
  BLAKE(2);

  private final int code;

  ProgramHashFunction(int code) {
    this.code = code;
  }

  /** The value the Cairo code compares against {@code PEDERSEN_HASH} etc. */
  public int code() {
    return code;
  }

  /** The name in a task's JSON ({@code "pedersen"}, {@code "poseidon"}, {@code "blake"}). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a JSON name, ignoring case as StarkWare's proving-utils does; null if unknown. */
  public static ProgramHashFunction byJsonName(String name) {
    for (ProgramHashFunction f : values()) {
      if (f.jsonName().equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    return null;
  }

  /**
   * The program hash the bootloader outputs for this function.
   *
   * @throws UnsupportedOperationException for {@link #BLAKE}, which only the Cairo code computes
   */
  public Felt252 hash(StrippedProgram program) {
    return switch (this) {
      case PEDERSEN -> ProgramHash.pedersen(program);
      case POSEIDON -> ProgramHash.poseidon(program);
      case BLAKE ->
          throw new UnsupportedOperationException("the Blake program hash is not implemented");
    };
  }
}
