package dev.hdp.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.contracts.deploy.Deployer;
import dev.hdp.contracts.generated.HdpExecutionStore;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.chain.HeaderField;
import dev.hdp.core.chain.ReceiptField;
import dev.hdp.core.task.AggregateFunction;
import dev.hdp.core.task.BlockSampledDatalake;
import dev.hdp.core.task.BlockSampledProperty;
import dev.hdp.core.task.ChainId;
import dev.hdp.core.task.Computation;
import dev.hdp.core.task.Datalake;
import dev.hdp.core.task.DatalakeComputeTask;
import dev.hdp.core.task.IncludedTypes;
import dev.hdp.core.task.Operator;
import dev.hdp.core.task.TransactionsInBlockDatalake;
import dev.hdp.core.task.TransactionsProperty;
import dev.hdp.fixtures.AnvilExtension;
import dev.hdp.fixtures.AnvilNode;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * A request sent from Java emits the event whose decoded datalake and task, re-encoded by hdp-core,
 * give the commitment hdp-core computes for the request — the one the contract scheduled.
 */
@Tag("anvil")
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestIT {
  private AnvilNode anvil;
  private HdpExecutionStore store;

  @BeforeAll
  void deploy(AnvilNode anvil) throws Exception {
    this.anvil = anvil;
    var key = anvil.deployer();
    var tx = Deployer.transactionManager(anvil.web3j(), key);
    DeployedContracts deployed =
        Deployer.deployDevelopment(
            anvil.web3j(), tx, Deployer.Roles.all(key.getAddress(), new byte[32]));
    store =
        HdpExecutionStore.load(
            deployed.hdpExecutionStore(), anvil.web3j(), tx, Deployer.gasProvider(anvil.web3j()));
  }

  private static HdpExecutionStore.ComputationalTask toContract(Computation c) {
    return new HdpExecutionStore.ComputationalTask(
        new Uint8(c.aggregateFunction().id()),
        new Uint8(c.operator().id()),
        new Uint256(c.valueToCompare().value()));
  }

  private static Computation fromContract(HdpExecutionStore.ComputationalTask t) {
    return new Computation(
        AggregateFunction.fromId(t.aggregateFnId.getValue().intValueExact()),
        Operator.fromId(t.operatorId.getValue().intValueExact()),
        UInt256.of(t.valueToCompare.getValue()));
  }

  private int status(Bytes32 commitment) throws Exception {
    return store
        .getTaskStatus(new org.web3j.abi.datatypes.generated.Bytes32(commitment.toArray()))
        .send()
        .getValue()
        .intValueExact();
  }

  @Test
  void blockSampledRequestEmitsWhatHdpCoreCommitsTo() throws Exception {
    var datalake =
        new BlockSampledDatalake(
            ChainId.ETHEREUM_SEPOLIA,
            5_858_987,
            5_858_997,
            2,
            new BlockSampledProperty.Header(HeaderField.EXCESS_BLOB_GAS));
    var computation = Computation.count(Operator.GT, UInt256.of(10_000_000));
    var task = new DatalakeComputeTask(datalake, computation);
    var request =
        new HdpExecutionStore.BlockSampledDatalake(
            new Uint256(datalake.chainId().value()),
            new Uint256(datalake.blockRangeStart()),
            new Uint256(datalake.blockRangeEnd()),
            new Uint256(datalake.increment()),
            new DynamicBytes(datalake.sampledProperty().encode()));
    var receipt =
        store
            .requestExecutionOfTaskWithBlockSampledDatalake(request, toContract(computation))
            .send();

    var events = HdpExecutionStore.getTaskWithBlockSampledDatalakeScheduledEvents(receipt);
    assertEquals(1, events.size());
    Datalake decoded = Datalake.decode(Gen2Encoding.encoded(events.get(0).datalake));
    assertEquals(datalake, decoded);
    var reencoded = new DatalakeComputeTask(decoded, fromContract(events.get(0).task));
    assertEquals(task.commitment(), reencoded.commitment());
    assertEquals(
        Bytes32.fromHex("0x931644ee9576d1a377d4c5ba642a9f96361663f31d867d36169623f782a887fc"),
        reencoded.commitment(),
        "hdp-vectors.md V1");
    assertEquals(1, status(task.commitment()), "SCHEDULED");

    Function again =
        new Function(
            "requestExecutionOfTaskWithBlockSampledDatalake",
            List.of(request, toContract(computation)),
            List.of());
    assertEquals(
        Reverts.customError(
            "DoubleRegistration(bytes32)",
            List.of(new org.web3j.abi.datatypes.generated.Bytes32(task.commitment().toArray()))),
        Reverts.revertData(
            anvil.web3j(), anvil.deployer().getAddress(), store.getContractAddress(), again));
  }

  @Test
  void transactionsInBlockRequestEmitsWhatHdpCoreCommitsTo() throws Exception {
    var datalake =
        new TransactionsInBlockDatalake(
            ChainId.ETHEREUM_SEPOLIA,
            5_409_986,
            10,
            40,
            10,
            IncludedTypes.ALL,
            new TransactionsProperty.Receipt(ReceiptField.SUCCESS));
    var computation =
        Computation.count(Operator.GT, UInt256.of(new BigInteger("1000000000000000000")));
    var task = new DatalakeComputeTask(datalake, computation);
    var request =
        new HdpExecutionStore.TransactionsInBlockDatalake(
            new Uint256(datalake.chainId().value()),
            new Uint256(datalake.targetBlock()),
            new Uint256(datalake.startIndex()),
            new Uint256(datalake.endIndex()),
            new Uint256(datalake.increment()),
            new Uint256(0x01010101),
            new DynamicBytes(datalake.sampledProperty().encode()));
    var receipt =
        store
            .requestExecutionOfTaskWithTransactionsInBlockDatalake(request, toContract(computation))
            .send();

    var event =
        HdpExecutionStore.getTaskWithTransactionsInBlockDatalakeScheduledEvents(receipt).get(0);
    Datalake decoded = Datalake.decode(Gen2Encoding.encoded(event.datalake));
    assertEquals(datalake, decoded);
    var reencoded = new DatalakeComputeTask(decoded, fromContract(event.task));
    assertEquals(task.commitment(), reencoded.commitment());
    assertEquals(1, status(task.commitment()), "SCHEDULED");
  }
}
