package dev.hdp.cairo.builtins;

import java.util.List;

/** Creates builtin runners by name. */
public final class BuiltinRunners {
  private BuiltinRunners() {}

  /**
   * A runner for {@code name}.
   *
   * @param included whether the program declared it
   * @param ratio the layout's ratio (0 when unbounded)
   */
  public static BuiltinRunner create(String name, boolean included, int ratio) {
    return switch (name) {
      case "output" -> new OutputBuiltinRunner(included);
      case "pedersen" -> new PedersenBuiltinRunner(included, ratio);
      case "range_check" -> RangeCheckBuiltinRunner.rangeCheck(included, ratio);
      case "range_check96" -> RangeCheckBuiltinRunner.rangeCheck96(included, ratio);
      case "bitwise" -> new BitwiseBuiltinRunner(included, ratio);
      case "poseidon" -> new PoseidonBuiltinRunner(included, ratio);
      case "ec_op" -> new EcOpBuiltinRunner(included, ratio);
      case "ecdsa" -> new EcdsaBuiltinRunner(included, ratio);
      case "keccak" -> new KeccakBuiltinRunner(included, ratio);
      case "add_mod" -> ModBuiltinRunner.addMod(included, ratio);
      case "mul_mod" -> ModBuiltinRunner.mulMod(included, ratio);
      default -> throw new IllegalArgumentException("unknown builtin " + name);
    };
  }

  /**
   * Checks that {@code builtins} is a subsequence of the canonical order, naming the first
   * offender.
   */
  public static void checkOrder(List<String> builtins) {
    int position = 0;
    for (String b : builtins) {
      int index = Layout.BUILTIN_ORDER.indexOf(b);
      if (index < 0) {
        throw new IllegalArgumentException("unknown builtin " + b);
      }
      if (index < position) {
        throw new IllegalArgumentException(
            "builtin " + b + " is out of order; the order is " + Layout.BUILTIN_ORDER);
      }
      position = index + 1;
    }
  }
}
