package dev.hdp.core.task;

import dev.hdp.core.abi.AbiDecodingException;
import dev.hdp.core.abi.AbiReader;
import dev.hdp.core.abi.AbiWriter;
import java.util.stream.LongStream;

/**
 * A transaction or receipt property over the transactions {@code startIndex, start+increment, …}
 * below {@code endIndex} (exclusive) of one block, keeping only the {@link IncludedTypes}.
 *
 * <p>Gen2 encoding: {@code abi.encode(uint256 1, uint256 chainId, uint256 targetBlock, uint256
 * startIndex, uint256 endIndex, uint256 increment, uint256 includedTypes, bytes property)} (hdp.md
 * §2.4).
 */
public record TransactionsInBlockDatalake(
    ChainId chainId,
    long targetBlock,
    long startIndex,
    long endIndex,
    long increment,
    IncludedTypes includedTypes,
    TransactionsProperty sampledProperty)
    implements Datalake {
  private static final String WHAT = "TransactionsInBlockDatalake";

  public TransactionsInBlockDatalake {
    if (chainId == null) {
      throw new TaskValidationException("chainId", "is missing");
    }
    if (includedTypes == null) {
      throw new TaskValidationException("includedTypes", "is missing");
    }
    if (sampledProperty == null) {
      throw new TaskValidationException("sampledProperty", "is missing");
    }
    if (targetBlock < 0) {
      throw new TaskValidationException("targetBlock", "must be >= 0, got " + targetBlock);
    }
    if (startIndex < 0) {
      throw new TaskValidationException("startIndex", "must be >= 0, got " + startIndex);
    }
    if (endIndex <= startIndex) {
      throw new TaskValidationException(
          "endIndex", "must be > startIndex (" + startIndex + "); the end is exclusive");
    }
    if (increment <= 0) {
      throw new TaskValidationException("increment", "must be > 0, got " + increment);
    }
  }

  @Override
  public DatalakeType type() {
    return DatalakeType.TRANSACTIONS_IN_BLOCK;
  }

  /** The transaction indexes visited (before filtering by type), in increasing order. */
  public LongStream indexes() {
    return LongStream.iterate(startIndex, i -> i >= startIndex && i < endIndex, i -> i + increment);
  }

  @Override
  public int propertyType() {
    return sampledProperty.propertyType();
  }

  @Override
  public byte[] encode() {
    return new AbiWriter()
        .uint(DatalakeType.TRANSACTIONS_IN_BLOCK.code())
        .uint(chainId.value())
        .uint(targetBlock)
        .uint(startIndex)
        .uint(endIndex)
        .uint(increment)
        .uint(includedTypes.toUInt256())
        .bytes(sampledProperty.encode())
        .toByteArray();
  }

  /**
   * Decodes the Gen2 encoding strictly.
   *
   * @throws AbiDecodingException naming the field when the bytes are not a canonical encoding of a
   *     valid datalake
   */
  public static TransactionsInBlockDatalake decode(byte[] encoded) {
    AbiReader reader = new AbiReader(encoded, WHAT, 8);
    int type = reader.uint8(0, "type");
    if (type != DatalakeType.TRANSACTIONS_IN_BLOCK.code()) {
      throw new AbiDecodingException(WHAT, "type", 0, "type " + type + " is not 1", encoded);
    }
    var chain = reader.uint(1, "chainId", 128);
    long target = reader.uint63(2, "targetBlock");
    long start = reader.uint63(3, "startIndex");
    long end = reader.uint63(4, "endIndex");
    long increment = reader.uint63(5, "increment");
    var types = reader.uint(6, "includedTypes", 256);
    byte[] property = reader.bytes(7, "sampledProperty");
    reader.finish();
    try {
      return new TransactionsInBlockDatalake(
          new ChainId(chain),
          target,
          start,
          end,
          increment,
          IncludedTypes.fromUInt256(types),
          TransactionsProperty.decode(property));
    } catch (TaskValidationException e) {
      throw new AbiDecodingException(WHAT, e.field(), e.reason(), e);
    }
  }
}
