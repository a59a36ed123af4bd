package dev.hdp.cairo.builtins;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Cairo layout: which builtins exist and at which ratio (steps per instance), with the range
 * check units and public memory fraction. Only proof mode depends on the ratios; a normal run needs
 * the layout to contain the program's builtins.
 */
public record Layout(
    String name, int rcUnits, int publicMemoryFraction, Map<String, Integer> builtinRatios) {

  /** The order every program's {@code %builtins} must follow. */
  public static final List<String> BUILTIN_ORDER =
      List.of(
          "output",
          "pedersen",
          "range_check",
          "ecdsa",
          "bitwise",
          "ec_op",
          "keccak",
          "poseidon",
          "range_check96",
          "add_mod",
          "mul_mod");

  public Layout {
    builtinRatios = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builtinRatios));
  }

  /** Whether the layout has that builtin. */
  public boolean has(String builtin) {
    return builtinRatios.containsKey(builtin);
  }

  private static Layout of(String name, int rcUnits, int pmf, Object... ratios) {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < ratios.length; i += 2) {
      map.put((String) ratios[i], (Integer) ratios[i + 1]);
    }
    return new Layout(name, rcUnits, pmf, map);
  }

  public static final Layout PLAIN = of("plain", 16, 4);
  public static final Layout SMALL =
      of("small", 16, 4, "output", 0, "pedersen", 8, "range_check", 8, "ecdsa", 512);
  public static final Layout DEX =
      of("dex", 4, 4, "output", 0, "pedersen", 8, "range_check", 8, "ecdsa", 512);
  public static final Layout RECURSIVE =
      of("recursive", 4, 8, "output", 0, "pedersen", 128, "range_check", 8, "bitwise", 8);
  public static final Layout STARKNET =
      of(
          "starknet",
          4,
          4,
          "output",
          0,
          "pedersen",
          32,
          "range_check",
          16,
          "ecdsa",
          2048,
          "bitwise",
          64,
          "ec_op",
          1024,
          "poseidon",
          32);
  public static final Layout STARKNET_WITH_KECCAK =
      of(
          "starknet_with_keccak",
          4,
          4,
          "output",
          0,
          "pedersen",
          32,
          "range_check",
          16,
          "ecdsa",
          2048,
          "bitwise",
          64,
          "ec_op",
          1024,
          "keccak",
          2048,
          "poseidon",
          32);
  public static final Layout RECURSIVE_WITH_POSEIDON =
      of(
          "recursive_with_poseidon",
          4,
          8,
          "output",
          0,
          "pedersen",
          256,
          "range_check",
          16,
          "bitwise",
          16,
          "poseidon",
          64);
  public static final Layout RECURSIVE_LARGE_OUTPUT =
      of(
          "recursive_large_output",
          4,
          8,
          "output",
          0,
          "pedersen",
          128,
          "range_check",
          8,
          "bitwise",
          8,
          "poseidon",
          8);
  public static final Layout ALL_SOLIDITY =
      of(
          "all_solidity",
          8,
          8,
          "output",
          0,
          "pedersen",
          8,
          "range_check",
          8,
          "ecdsa",
          512,
          "bitwise",
          256,
          "ec_op",
          256);
  public static final Layout ALL_CAIRO =
      of(
          "all_cairo",
          8,
          8,
          "output",
          0,
          "pedersen",
          256,
          "range_check",
          8,
          "ecdsa",
          2048,
          "bitwise",
          16,
          "ec_op",
          1024,
          "keccak",
          2048,
          "poseidon",
          256,
          "range_check96",
          8,
          "add_mod",
          128,
          "mul_mod",
          256);

  /** Every builtin with no fixed ratio; its parameters would come from a params file. */
  public static final Layout DYNAMIC =
      of(
          "dynamic",
          16,
          8,
          "output",
          0,
          "pedersen",
          0,
          "range_check",
          0,
          "ecdsa",
          0,
          "bitwise",
          0,
          "ec_op",
          0,
          "keccak",
          0,
          "poseidon",
          0,
          "range_check96",
          0,
          "add_mod",
          0,
          "mul_mod",
          0);

  private static final List<Layout> ALL =
      List.of(
          PLAIN,
          SMALL,
          DEX,
          RECURSIVE,
          STARKNET,
          STARKNET_WITH_KECCAK,
          RECURSIVE_WITH_POSEIDON,
          RECURSIVE_LARGE_OUTPUT,
          ALL_SOLIDITY,
          ALL_CAIRO,
          DYNAMIC);

  /** Every known layout. */
  public static List<Layout> all() {
    return ALL;
  }

  /** The layout of that name. */
  public static Layout byName(String name) {
    for (Layout l : ALL) {
      if (l.name.equals(name)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "unknown layout "
            + name
            + "; known: "
            + Arrays.toString(ALL.stream().map(Layout::name).toArray()));
  }
}
