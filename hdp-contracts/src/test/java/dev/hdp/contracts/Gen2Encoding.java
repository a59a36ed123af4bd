package dev.hdp.contracts;

import dev.hdp.contracts.generated.HdpExecutionStore;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The Gen2 encodings of hdp.md §2–3, written again here from web3j's ABI encoder so the tests do
 * not take the contract's word for them. TODO(lead): replace with hdp-core's codec
 * (dev.hdp.core.task) once merged, so the comparison is with hdp-core itself.
 */
final class Gen2Encoding {
  private Gen2Encoding() {}

  @SuppressWarnings("rawtypes") // web3j's encoder takes a List of raw Type
  static byte[] encode(List<Type> words) {
    return Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(words));
  }

  static byte[] datalakeCommitment(HdpExecutionStore.BlockSampledDatalake d) {
    return Hash.sha3(
        encode(
            List.of(
                new Uint256(0),
                d.chainId,
                d.blockRangeStart,
                d.blockRangeEnd,
                d.increment,
                d.sampledProperty)));
  }

  static byte[] datalakeCommitment(HdpExecutionStore.TransactionsInBlockDatalake d) {
    return Hash.sha3(
        encode(
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

  static byte[] taskCommitment(byte[] datalakeCommitment, HdpExecutionStore.ComputationalTask t) {
    return Hash.sha3(
        encode(
            List.of(
                new Bytes32(datalakeCommitment), t.aggregateFnId, t.operatorId, t.valueToCompare)));
  }
}
