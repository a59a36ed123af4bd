package dev.hdp.core.task;

import dev.hdp.core.abi.AbiDecodingException;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.Keccak256;
import java.math.BigInteger;
import java.util.Arrays;

/** The values a task aggregates: which chain, which blocks or transactions, which property. */
public sealed interface Datalake permits BlockSampledDatalake, TransactionsInBlockDatalake {
  DatalakeType type();

  ChainId chainId();

  /** HDP Gen2 {@code abi.encode(...)} of the datalake (a fresh array). */
  byte[] encode();

  /** {@code keccak256(encode())}. */
  default Bytes32 commitment() {
    return Keccak256.hash(encode());
  }

  /** HDP's {@code property_type} of the processed task (Cairo input). */
  int propertyType();

  /**
   * Decodes a Gen2 datalake of either type, dispatching on the type word.
   *
   * @throws AbiDecodingException when the bytes are not a canonical encoding of a valid datalake
   */
  static Datalake decode(byte[] encoded) {
    if (encoded.length < 32) {
      throw new AbiDecodingException(
          "Datalake",
          "type",
          0,
          "too short for a type word: " + encoded.length + " bytes",
          encoded);
    }
    BigInteger type = new BigInteger(1, Arrays.copyOfRange(encoded, 0, 32));
    if (type.equals(BigInteger.ZERO)) {
      return BlockSampledDatalake.decode(encoded);
    }
    if (type.equals(BigInteger.ONE)) {
      return TransactionsInBlockDatalake.decode(encoded);
    }
    throw new AbiDecodingException(
        "Datalake",
        "type",
        0,
        "unknown datalake type "
            + Hex.abbreviate("0x" + type.toString(16))
            + " (0 BlockSampled, 1 TransactionsInBlock)",
        encoded);
  }
}
