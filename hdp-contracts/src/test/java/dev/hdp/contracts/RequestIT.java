package dev.hdp.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.contracts.deploy.Deployer;
import dev.hdp.contracts.generated.HdpExecutionStore;
import dev.hdp.fixtures.AnvilExtension;
import dev.hdp.fixtures.AnvilNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.utils.Numeric;

/** A request from Java emits the event whose datalake and task re-encode to the commitment. */
@Tag("anvil")
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestIT {
  private static final long SEPOLIA = 11_155_111;
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

  @Test
  void blockSampledRequestEmitsTheDatalakeAndTaskOfTheV1Commitment() throws Exception {
    var datalake =
        new HdpExecutionStore.BlockSampledDatalake(
            new Uint256(SEPOLIA),
            new Uint256(5_858_987),
            new Uint256(5_858_997),
            new Uint256(2),
            new DynamicBytes(Numeric.hexStringToByteArray("0x0112")));
    var task =
        new HdpExecutionStore.ComputationalTask(
            new Uint8(4), new Uint8(3), new Uint256(10_000_000));
    var receipt = store.requestExecutionOfTaskWithBlockSampledDatalake(datalake, task).send();

    var events = HdpExecutionStore.getTaskWithBlockSampledDatalakeScheduledEvents(receipt);
    assertEquals(1, events.size());
    var event = events.get(0);
    byte[] commitment =
        Gen2Encoding.taskCommitment(Gen2Encoding.datalakeCommitment(event.datalake), event.task);
    assertArrayEquals(
        Numeric.hexStringToByteArray(
            "0x931644ee9576d1a377d4c5ba642a9f96361663f31d867d36169623f782a887fc"),
        commitment,
        "hdp-vectors.md V1");
    assertEquals(1, store.getTaskStatus(new Bytes32(commitment)).send().getValue().intValue());

    Function again =
        new Function(
            "requestExecutionOfTaskWithBlockSampledDatalake", List.of(datalake, task), List.of());
    assertEquals(
        Reverts.customError("DoubleRegistration(bytes32)", List.of(new Bytes32(commitment))),
        Reverts.revertData(
            anvil.web3j(), anvil.deployer().getAddress(), store.getContractAddress(), again));
  }

  @Test
  void transactionsInBlockRequestEmitsTheDatalakeAndTaskOfItsCommitment() throws Exception {
    var datalake =
        new HdpExecutionStore.TransactionsInBlockDatalake(
            new Uint256(SEPOLIA),
            new Uint256(5_409_986),
            new Uint256(10),
            new Uint256(40),
            new Uint256(10),
            new Uint256(0x01010101),
            new DynamicBytes(Numeric.hexStringToByteArray("0x0200")));
    var task =
        new HdpExecutionStore.ComputationalTask(
            new Uint8(4),
            new Uint8(3),
            new Uint256(new java.math.BigInteger("1000000000000000000")));
    var receipt =
        store.requestExecutionOfTaskWithTransactionsInBlockDatalake(datalake, task).send();

    var event =
        HdpExecutionStore.getTaskWithTransactionsInBlockDatalakeScheduledEvents(receipt).get(0);
    assertEquals(datalake.targetBlock, event.datalake.targetBlock);
    assertEquals(datalake.includedTypes, event.datalake.includedTypes);
    assertArrayEquals(
        datalake.sampledProperty.getValue(), event.datalake.sampledProperty.getValue());
    byte[] commitment =
        Gen2Encoding.taskCommitment(Gen2Encoding.datalakeCommitment(event.datalake), event.task);
    assertEquals(1, store.getTaskStatus(new Bytes32(commitment)).send().getValue().intValue());
  }
}
