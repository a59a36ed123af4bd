package dev.hdp.cairo.hints;

import java.math.BigInteger;
import java.util.Map;

/**
 * Hints of StarkWare's bootloaders (simple bootloader, bootloader, applicative bootloader) that do
 * not need task loading: builtin selection, the non-negativity check and the program-address sanity
 * check. Task loading, fact topologies and output pages are not implemented yet.
 */
public final class BootloaderHints {
  private BootloaderHints() {}

  static final String INNER_SELECT_BUILTINS =
      "# A builtin should be selected iff its encoding appears in the selected encodings list\n"
          + "# and the list wasn't exhausted.\n"
          + "# Note that testing inclusion by a single comparison is possible since the lists are"
          + " sorted.\n"
          + "ids.select_builtin = int(\n"
          + "  n_selected_builtins > 0 and memory[ids.selected_encodings] =="
          + " memory[ids.all_encodings])\n"
          + "if ids.select_builtin:\n"
          + "  n_selected_builtins = n_selected_builtins - 1";
  static final String SELECT_INPUT_BUILTINS_ENTER =
      "vm_enter_scope({'n_selected_builtins': ids.n_selected_builtins})";
  static final String VERIFY_NON_NEGATIVE_HALF =
      "memory[ap] = to_felt_or_relocatable(ids.num // 2)";
  static final String PROGRAM_ADDRESS_SANITY_CHECK =
      "# Sanity check.\nassert ids.program_address == program_address";

  /** Registers the bootloader hints. */
  public static void registerAll(HintProcessor p) {
    p.register(
        SELECT_INPUT_BUILTINS_ENTER,
        c -> c.enterScope(Map.of("n_selected_builtins", c.idsInt("n_selected_builtins"))));
    p.register(INNER_SELECT_BUILTINS, BootloaderHints::innerSelectBuiltins);
    p.register(VERIFY_NON_NEGATIVE_HALF, c -> c.insertAtAp(c.idsInt("num").shiftRight(1)));
    p.register(PROGRAM_ADDRESS_SANITY_CHECK, BootloaderHints::checkProgramAddress);
  }

  private static void innerSelectBuiltins(HintContext c) {
    BigInteger remaining = (BigInteger) c.scopes().require("n_selected_builtins");
    // Python's `and` short-circuits: the encodings are only read while the list is not exhausted.
    boolean select =
        remaining.signum() > 0
            && c.memory()
                .getOrThrow(c.idsPtr("selected_encodings"))
                .equals(c.memory().getOrThrow(c.idsPtr("all_encodings")));
    c.setIds("select_builtin", select ? 1 : 0);
    if (select) {
      c.scopes().set("n_selected_builtins", remaining.subtract(BigInteger.ONE));
    }
  }

  private static void checkProgramAddress(HintContext c) {
    Object expected = c.scopes().require("program_address");
    if (!c.ids("program_address").equals(expected)) {
      throw new HintException(
          "ids.program_address " + c.ids("program_address") + " differs from " + expected);
    }
  }
}
