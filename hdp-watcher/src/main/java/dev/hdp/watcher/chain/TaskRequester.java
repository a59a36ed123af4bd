package dev.hdp.watcher.chain;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.contracts.deploy.Deployer;
import dev.hdp.contracts.generated.HdpExecutionStore;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.task.BlockSampledDatalake;
import dev.hdp.core.task.Computation;
import dev.hdp.core.task.DatalakeComputeTask;
import dev.hdp.core.task.Task;
import dev.hdp.core.task.TransactionsInBlockDatalake;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;

/**
 * Requests tasks on-chain: one {@code requestExecutionOfTaskWith…Datalake} transaction per task,
 * from any account (scheduling needs no role).
 */
public final class TaskRequester {
  /** One request sent: the task's commitment and the transaction that scheduled it. */
  public record Sent(Bytes32 commitment, String txHash, long block) {}

  private final HdpExecutionStore store;

  public TaskRequester(Web3j web3j, DeployedContracts contracts, Credentials requester)
      throws java.io.IOException {
    TransactionManager transactions = Deployer.transactionManager(web3j, requester);
    this.store =
        HdpExecutionStore.load(
            contracts.hdpExecutionStore(), web3j, transactions, Deployer.gasProvider(web3j));
  }

  /**
   * Sends the tasks in order and waits for each receipt.
   *
   * @throws ChainAccessException when a request reverts (e.g. {@code DoubleRegistration})
   */
  public List<Sent> request(List<Task> tasks) throws Exception {
    List<Sent> sent = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (!(tasks.get(i) instanceof DatalakeComputeTask task)) {
        throw new IllegalArgumentException(
            "tasks[" + i + "]: only datalake tasks can be requested on-chain");
      }
      TransactionReceipt receipt;
      try {
        receipt = send(task).send();
      } catch (Exception e) {
        throw new ChainAccessException(
            "tasks[" + i + "] (" + task.commitment() + "): request failed: " + e.getMessage(), e);
      }
      if (!receipt.isStatusOK()) {
        throw new ChainAccessException(
            "tasks["
                + i
                + "] ("
                + task.commitment()
                + "): request reverted in "
                + receipt.getTransactionHash());
      }
      sent.add(
          new Sent(
              task.commitment(),
              receipt.getTransactionHash(),
              receipt.getBlockNumber().longValueExact()));
    }
    return sent;
  }

  /**
   * The call data of {@code task}'s {@code requestExecutionOfTaskWith…Datalake} on the store at
   * {@code storeAddress}, for senders that sign themselves (the node's intent log).
   */
  public static String callData(Web3j web3j, String storeAddress, DatalakeComputeTask task) {
    HdpExecutionStore readOnly =
        HdpExecutionStore.load(
            storeAddress,
            web3j,
            new org.web3j.tx.ReadonlyTransactionManager(web3j, storeAddress),
            new org.web3j.tx.gas.DefaultGasProvider());
    return send(readOnly, task).encodeFunctionCall();
  }

  private org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt> send(
      DatalakeComputeTask task) {
    return send(store, task);
  }

  private static org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt> send(
      HdpExecutionStore store, DatalakeComputeTask task) {
    Computation c = task.computation();
    HdpExecutionStore.ComputationalTask compute =
        new HdpExecutionStore.ComputationalTask(
            new Uint8(c.aggregateFunction().id()),
            new Uint8(c.operator().id()),
            new Uint256(c.valueToCompare().value()));
    return switch (task.datalake()) {
      case BlockSampledDatalake d ->
          store.requestExecutionOfTaskWithBlockSampledDatalake(
              new HdpExecutionStore.BlockSampledDatalake(
                  new Uint256(d.chainId().value()),
                  new Uint256(BigInteger.valueOf(d.blockRangeStart())),
                  new Uint256(BigInteger.valueOf(d.blockRangeEnd())),
                  new Uint256(BigInteger.valueOf(d.increment())),
                  new DynamicBytes(d.sampledProperty().encode())),
              compute);
      case TransactionsInBlockDatalake d ->
          store.requestExecutionOfTaskWithTransactionsInBlockDatalake(
              new HdpExecutionStore.TransactionsInBlockDatalake(
                  new Uint256(d.chainId().value()),
                  new Uint256(BigInteger.valueOf(d.targetBlock())),
                  new Uint256(BigInteger.valueOf(d.startIndex())),
                  new Uint256(BigInteger.valueOf(d.endIndex())),
                  new Uint256(BigInteger.valueOf(d.increment())),
                  new Uint256(d.includedTypes().toUInt256()),
                  new DynamicBytes(d.sampledProperty().encode())),
              compute);
    };
  }
}
