package dev.hdp.core.task;

import dev.hdp.core.abi.AbiDecodingException;
import dev.hdp.core.abi.AbiReader;
import dev.hdp.core.abi.AbiWriter;
import java.util.stream.LongStream;

/**
 * A property sampled over the blocks {@code blockRangeStart, start+increment, …} up to and
 * including {@code blockRangeEnd}.
 *
 * <p>Gen2 encoding: {@code abi.encode(uint256 0, uint256 chainId, uint256 start, uint256 end,
 * uint256 increment, bytes property)} (hdp.md §2.2). Block numbers are limited to 63 bits.
 */
public record BlockSampledDatalake(
    ChainId chainId,
    long blockRangeStart,
    long blockRangeEnd,
    long increment,
    BlockSampledProperty sampledProperty)
    implements Datalake {
  private static final String WHAT = "BlockSampledDatalake";

  public BlockSampledDatalake {
    if (chainId == null) {
      throw new TaskValidationException("chainId", "is missing");
    }
    if (sampledProperty == null) {
      throw new TaskValidationException("sampledProperty", "is missing");
    }
    if (blockRangeStart < 0) {
      throw new TaskValidationException("blockRangeStart", "must be >= 0, got " + blockRangeStart);
    }
    if (blockRangeEnd < blockRangeStart) {
      throw new TaskValidationException(
          "blockRangeEnd", "must be >= blockRangeStart (" + blockRangeStart + ")");
    }
    if (increment <= 0) {
      throw new TaskValidationException("increment", "must be > 0, got " + increment);
    }
  }

  @Override
  public DatalakeType type() {
    return DatalakeType.BLOCK_SAMPLED;
  }

  /** The sampled block numbers, in increasing order (the lower bound stops a long overflow). */
  public LongStream blockNumbers() {
    return LongStream.iterate(
        blockRangeStart, n -> n >= blockRangeStart && n <= blockRangeEnd, n -> n + increment);
  }

  /** How many blocks are sampled. */
  public long sampleCount() {
    return (blockRangeEnd - blockRangeStart) / increment + 1;
  }

  @Override
  public int propertyType() {
    return sampledProperty.propertyType();
  }

  @Override
  public byte[] encode() {
    return new AbiWriter()
        .uint(DatalakeType.BLOCK_SAMPLED.code())
        .uint(chainId.value())
        .uint(blockRangeStart)
        .uint(blockRangeEnd)
        .uint(increment)
        .bytes(sampledProperty.encode())
        .toByteArray();
  }

  /**
   * Decodes the Gen2 encoding strictly.
   *
   * @throws AbiDecodingException naming the field when the bytes are not a canonical encoding of a
   *     valid datalake
   */
  public static BlockSampledDatalake decode(byte[] encoded) {
    AbiReader reader = new AbiReader(encoded, WHAT, 6);
    int type = reader.uint8(0, "type");
    if (type != DatalakeType.BLOCK_SAMPLED.code()) {
      throw new AbiDecodingException(WHAT, "type", 0, "type " + type + " is not 0", encoded);
    }
    var chain = reader.uint(1, "chainId", 128);
    long start = reader.uint63(2, "blockRangeStart");
    long end = reader.uint63(3, "blockRangeEnd");
    long increment = reader.uint63(4, "increment");
    byte[] property = reader.bytes(5, "sampledProperty");
    reader.finish();
    try {
      return new BlockSampledDatalake(
          new ChainId(chain), start, end, increment, BlockSampledProperty.decode(property));
    } catch (TaskValidationException e) {
      throw new AbiDecodingException(WHAT, e.field(), e.reason(), e);
    }
  }
}
