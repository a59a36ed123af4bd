package dev.hdp.core.chain;

import java.util.Optional;

/**
 * The header layouts, told apart by their number of RLP fields: each fork appends fields.
 *
 * @see <a href="https://eips.ethereum.org/EIPS/eip-1559">EIP-1559 (base fee)</a>, <a
 *     href="https://eips.ethereum.org/EIPS/eip-4895">EIP-4895 (withdrawals root)</a>, <a
 *     href="https://eips.ethereum.org/EIPS/eip-4844">EIP-4844 (blob gas)</a>, <a
 *     href="https://eips.ethereum.org/EIPS/eip-4788">EIP-4788 (beacon root)</a>, <a
 *     href="https://eips.ethereum.org/EIPS/eip-7685">EIP-7685 (requests hash)</a>
 */
public enum HeaderFork {
  /** Frontier to Berlin: 15 fields. */
  LEGACY(15),
  /** London (EIP-1559): adds the base fee. */
  LONDON(16),
  /** Shanghai (EIP-4895): adds the withdrawals root. */
  SHANGHAI(17),
  /** Cancun (EIP-4844, EIP-4788): adds blob gas used, excess blob gas, parent beacon root. */
  CANCUN(20),
  /** Prague (EIP-7685): adds the requests hash. */
  PRAGUE(21);

  private final int fieldCount;

  HeaderFork(int fieldCount) {
    this.fieldCount = fieldCount;
  }

  /** The number of RLP fields of a header of this layout. */
  public int fieldCount() {
    return fieldCount;
  }

  /** The layout with {@code count} fields, if any. */
  public static Optional<HeaderFork> ofFieldCount(int count) {
    for (HeaderFork fork : values()) {
      if (fork.fieldCount == count) {
        return Optional.of(fork);
      }
    }
    return Optional.empty();
  }
}
