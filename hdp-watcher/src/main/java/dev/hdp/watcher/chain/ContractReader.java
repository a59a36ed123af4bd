package dev.hdp.watcher.chain;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.Keccak256;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * Plain {@code eth_call} reads of the deployed contracts at the latest block: task status and
 * results, facts, cached MMR roots and the accumulator's MMR state.
 */
public final class ContractReader {
  /** {@code HdpExecutionStore.TaskStatus}. */
  public enum TaskStatus {
    NONE,
    SCHEDULED,
    FINALIZED
  }

  /** {@code HeadersAccumulator.mmrInfo}. */
  public record MmrInfo(
      long firstBlock, long leafCount, long nextBlock, long mmrSize, Bytes32 root) {}

  private final Web3j web3j;
  private final DeployedContracts contracts;

  public ContractReader(Web3j web3j, DeployedContracts contracts) {
    this.web3j = web3j;
    this.contracts = contracts;
  }

  public DeployedContracts contracts() {
    return contracts;
  }

  public Web3j web3j() {
    return web3j;
  }

  /** The 4-byte selector of a Solidity signature, as hex without 0x. */
  public static String selector(String signature) {
    return Hex.encodeNoPrefix(
        Arrays.copyOf(Keccak256.hash(signature.getBytes(StandardCharsets.US_ASCII)).toArray(), 4));
  }

  private static String word(BigInteger value) {
    return Hex.encodeNoPrefix(Bytes32.fromBigInteger(value).toArray());
  }

  private static String word(Bytes32 value) {
    return Hex.encodeNoPrefix(value.toArray());
  }

  public TaskStatus taskStatus(Bytes32 commitment) {
    byte[] out =
        call(contracts.hdpExecutionStore(), selector("getTaskStatus(bytes32)") + word(commitment));
    return TaskStatus.values()[new BigInteger(1, out).intValueExact()];
  }

  /** The finalized result, or empty when the task is not finalized. */
  public Optional<Bytes32> finalizedResult(Bytes32 commitment) {
    if (taskStatus(commitment) != TaskStatus.FINALIZED) {
      return Optional.empty();
    }
    byte[] out =
        call(
            contracts.hdpExecutionStore(),
            selector("getFinalizedTaskResult(bytes32)") + word(commitment));
    return Optional.of(Bytes32.of(Arrays.copyOf(out, 32)));
  }

  /** {@code isValid(fact)} on the facts registry the store checks. */
  public boolean isValid(Bytes32 fact) {
    byte[] out = call(contracts.factsRegistry(), selector("isValid(bytes32)") + word(fact));
    return new BigInteger(1, out).signum() != 0;
  }

  /** The root cached in the store for {@code (mmrId, mmrSize)}, zero when none. */
  public Bytes32 cachedMmrRoot(long mmrId, long mmrSize) {
    byte[] out =
        call(
            contracts.hdpExecutionStore(),
            selector("loadMmrRoot(uint256,uint256)")
                + word(BigInteger.valueOf(mmrId))
                + word(BigInteger.valueOf(mmrSize)));
    return Bytes32.of(Arrays.copyOf(out, 32));
  }

  /** How many MMRs the accumulator holds (ids are 1…count). */
  public long mmrCount() {
    return new BigInteger(1, call(contracts.headersAccumulator(), selector("mmrCount()")))
        .longValueExact();
  }

  public MmrInfo mmrInfo(long mmrId) {
    byte[] out =
        call(
            contracts.headersAccumulator(),
            selector("mmrInfo(uint256)") + word(BigInteger.valueOf(mmrId)));
    if (out.length != 160) {
      throw new ChainAccessException("mmrInfo(" + mmrId + ") answered " + out.length + " bytes");
    }
    return new MmrInfo(
        longWord(out, 0),
        longWord(out, 1),
        longWord(out, 2),
        longWord(out, 3),
        Bytes32.of(Arrays.copyOfRange(out, 128, 160)));
  }

  private static long longWord(byte[] out, int index) {
    return new BigInteger(1, Arrays.copyOfRange(out, 32 * index, 32 * index + 32)).longValueExact();
  }

  public long blockNumber() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new ChainAccessException("eth_blockNumber failed: " + e.getMessage(), e);
    }
  }

  /** The canonical hash of block {@code number}, or empty when the node has no such block. */
  public Optional<Bytes32> blockHash(long number) {
    try {
      EthBlock.Block block =
          web3j
              .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
              .send()
              .getBlock();
      return block == null ? Optional.empty() : Optional.of(Bytes32.fromHex(block.getHash()));
    } catch (IOException e) {
      throw new ChainAccessException("eth_getBlockByNumber " + number + ": " + e.getMessage(), e);
    }
  }

  private byte[] call(String to, String dataNoPrefix) {
    try {
      EthCall answer =
          web3j
              .ethCall(
                  Transaction.createEthCallTransaction(null, to, "0x" + dataNoPrefix),
                  DefaultBlockParameterName.LATEST)
              .send();
      if (answer.hasError()) {
        throw new ChainAccessException(
            "eth_call to " + to + " reverted: " + answer.getError().getMessage());
      }
      return Hex.decode(answer.getValue());
    } catch (IOException e) {
      throw new ChainAccessException("eth_call to " + to + " failed: " + e.getMessage(), e);
    }
  }
}
