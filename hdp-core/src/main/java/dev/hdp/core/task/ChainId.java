package dev.hdp.core.task;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A chain id as HDP encodes it: one uint256 word, limited to 128 bits as in HDP's Rust ({@code
 * u128}). The four chains HDP names ({@code ETHEREUM_MAINNET}, {@code ETHEREUM_SEPOLIA}, {@code
 * STARKNET_MAINNET}, {@code STARKNET_SEPOLIA}) have constants; any other id (a development chain)
 * is accepted by number.
 */
public record ChainId(BigInteger value) implements Comparable<ChainId> {
  public static final ChainId ETHEREUM_MAINNET = new ChainId(BigInteger.ONE);
  public static final ChainId ETHEREUM_SEPOLIA = new ChainId(BigInteger.valueOf(11155111));

  /** ASCII "SN_MAIN". */
  public static final ChainId STARKNET_MAINNET = new ChainId(new BigInteger("23448594291968334"));

  /** ASCII "SN_SEPOLIA". */
  public static final ChainId STARKNET_SEPOLIA =
      new ChainId(new BigInteger("393402133025997798000961"));

  private static final Map<String, ChainId> BY_NAME =
      Map.of(
          "ETHEREUM_MAINNET", ETHEREUM_MAINNET,
          "ETHEREUM_SEPOLIA", ETHEREUM_SEPOLIA,
          "STARKNET_MAINNET", STARKNET_MAINNET,
          "STARKNET_SEPOLIA", STARKNET_SEPOLIA);

  public ChainId {
    if (value == null || value.signum() <= 0 || value.bitLength() > 128) {
      throw new TaskValidationException(
          "chainId", "must be a positive integer below 2^128, got " + value);
    }
  }

  public static ChainId of(long value) {
    return new ChainId(BigInteger.valueOf(value));
  }

  /**
   * Parses HDP's chain name (any letter case) or a decimal number.
   *
   * @throws TaskValidationException when it is neither
   */
  public static ChainId parse(String text) {
    ChainId named = BY_NAME.get(text.toUpperCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    if (!text.isEmpty() && text.length() <= 40 && text.chars().allMatch(Character::isDigit)) {
      return new ChainId(new BigInteger(text));
    }
    throw new TaskValidationException(
        "chainId",
        "unknown chain '"
            + text
            + "' (use a number or one of "
            + String.join(", ", BY_NAME.keySet().stream().sorted().toList())
            + ")");
  }

  /** HDP's name for the chain, when it has one. */
  public Optional<String> name() {
    return BY_NAME.entrySet().stream()
        .filter(e -> e.getValue().equals(this))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  @Override
  public int compareTo(ChainId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return name().orElse(value.toString());
  }
}
