package dev.hdp.contracts;

import dev.hdp.contracts.generated.HdpExecutionStore;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * Lays the fields of the wrappers' datalake structs out as the Gen2 ABI words (web3j's encoder),
 * for hdp-core to decode, validate and commit to, and for the gas benchmark's task commitments.
 */
public final class Gen2Encoding {
  private Gen2Encoding() {}

  /** {@code abi.encode(words...)}. */
  @SuppressWarnings("rawtypes") // web3j's encoder takes a List of raw Type
  public static byte[] encode(List<Type> words) {
    return Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(words));
  }

  /** {@code abi.encode(0, chainId, blockRangeStart, blockRangeEnd, increment, property)}. */
  public static byte[] encoded(HdpExecutionStore.BlockSampledDatalake d) {
    return (encode(
        List.of(
            new Uint256(0),
            d.chainId,
            d.blockRangeStart,
            d.blockRangeEnd,
            d.increment,
            d.sampledProperty)));
  }

  /**
   * {@code abi.encode(1, chainId, targetBlock, startIndex, endIndex, increment, includedTypes,
   * property)}.
   */
  public static byte[] encoded(HdpExecutionStore.TransactionsInBlockDatalake d) {
    return (encode(
        List.of(
            new Uint256(1),
            d.chainId,
            d.targetBlock,
            d.startIndex,
            d.endIndex,
            d.increment,
            d.includedTypes,
            d.sampledProperty)));
  }
}
