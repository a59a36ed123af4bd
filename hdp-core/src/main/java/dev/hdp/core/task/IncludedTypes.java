package dev.hdp.core.task;

import java.math.BigInteger;

/**
 * Which transaction types a transactions-in-block datalake keeps. Encoded as one uint256 with the
 * flags as bytes 28..31 of the big-endian word: {@code legacy<<24 | eip2930<<16 | eip1559<<8 |
 * eip4844} (HDP {@code IncludedTypes::to_uint256}). At least one type must be included.
 */
public record IncludedTypes(boolean legacy, boolean eip2930, boolean eip1559, boolean eip4844) {
  public static final IncludedTypes ALL = new IncludedTypes(true, true, true, true);

  public IncludedTypes {
    if (!(legacy || eip2930 || eip1559 || eip4844)) {
      throw new TaskValidationException("includedTypes", "must include at least one type");
    }
  }

  /** The uint256 word value. */
  public BigInteger toUInt256() {
    long v = (legacy ? 1L << 24 : 0) | (eip2930 ? 1L << 16 : 0) | (eip1559 ? 1L << 8 : 0);
    return BigInteger.valueOf(v | (eip4844 ? 1 : 0));
  }

  /**
   * Decodes the word strictly: only the four flag bytes may be set, each to 0 or 1.
   *
   * @throws TaskValidationException naming {@code includedTypes}
   */
  public static IncludedTypes fromUInt256(BigInteger word) {
    if (word.signum() < 0 || word.bitLength() > 32 || (word.intValue() & 0xfefefefe) != 0) {
      throw new TaskValidationException(
          "includedTypes",
          "0x"
              + word.toString(16)
              + " is not four 0/1 flag bytes [legacy, eip2930, eip1559, eip4844]");
    }
    int v = word.intValue();
    return new IncludedTypes(
        (v >>> 24 & 1) == 1, (v >>> 16 & 1) == 1, (v >>> 8 & 1) == 1, (v & 1) == 1);
  }

  /** Whether a transaction of this EIP-2718 type (0..3) is kept; later types are not. */
  public boolean includes(int txType) {
    return switch (txType) {
      case 0 -> legacy;
      case 1 -> eip2930;
      case 2 -> eip1559;
      case 3 -> eip4844;
      default -> false;
    };
  }
}
