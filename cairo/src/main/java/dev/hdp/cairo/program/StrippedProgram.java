package dev.hdp.cairo.program;

import java.math.BigInteger;
import java.util.List;

/**
 * The part of a program a Cairo PIE keeps and the program hash covers: prime, data, builtins and
 * the pc of main. It has no hints: everything hints produced is in the PIE's memory.
 */
public record StrippedProgram(
    BigInteger prime, List<BigInteger> data, List<String> builtins, int main) {
  public StrippedProgram {
    data = List.copyOf(data);
    builtins = List.copyOf(builtins);
    if (main < 0 || main >= data.size()) {
      throw new ProgramFormatException("main " + main + " is outside data of " + data.size());
    }
  }

  /** This program as a compiled program with no hints or identifiers, able to run from main. */
  public CompiledProgram toCompiledProgram() {
    return new CompiledProgram(
        prime,
        data,
        builtins,
        java.util.Map.of(),
        java.util.Map.of("__main__.main", new Identifier.Function(main, List.of())),
        List.of(),
        List.of(),
        "__main__",
        null,
        null);
  }
}
