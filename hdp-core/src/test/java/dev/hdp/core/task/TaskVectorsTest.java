package dev.hdp.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.chain.AccountField;
import dev.hdp.core.chain.HeaderField;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upstream vectors of {@code reference/hdp-vectors.md} that concern tasks and datalakes. */
class TaskVectorsTest {
  private static BlockSampledDatalake header(long start, long end, long inc, HeaderField field) {
    return new BlockSampledDatalake(
        ChainId.ETHEREUM_SEPOLIA, start, end, inc, new BlockSampledProperty.Header(field));
  }

  @Test
  void v1BlockSampledCountTaskCommitment() {
    var task =
        new DatalakeComputeTask(
            header(5858987, 5858997, 2, HeaderField.EXCESS_BLOB_GAS),
            Computation.count(Operator.GT, UInt256.of(10000000)));
    assertEquals(
        "0x0112",
        Hex.encode(new BlockSampledProperty.Header(HeaderField.EXCESS_BLOB_GAS).encode()));
    assertEquals(
        "0x931644ee9576d1a377d4c5ba642a9f96361663f31d867d36169623f782a887fc",
        task.commitment().toHex());
  }

  @Test
  void v3EncodedTaskAndComputeTuples() {
    var task =
        new DatalakeComputeTask(
            header(0, 100, 1, HeaderField.BASE_FEE_PER_GAS),
            Computation.count(Operator.GTE, UInt256.of(100)));
    assertEquals(
        "0x682986dba66e37a68d596cd278051a26d1c4f73b2d5daa5230e6dbc7d8f6790f"
            + "0000000000000000000000000000000000000000000000000000000000000004"
            + "0000000000000000000000000000000000000000000000000000000000000004"
            + "0000000000000000000000000000000000000000000000000000000000000064",
        Hex.encode(task.encode()));
    assertEquals("0x" + word(4) + word(4) + word(0x64), Hex.encode(task.computation().encode()));
    assertEquals(
        "0x" + "00".repeat(96), Hex.encode(Computation.of(AggregateFunction.AVG).encode()));
    assertEquals(
        "0x" + word(2) + word(0) + word(0),
        Hex.encode(Computation.of(AggregateFunction.MIN).encode()));
  }

  @Test
  void v4AccountDatalakeInsideBytesArray() {
    var datalake =
        new BlockSampledDatalake(
            ChainId.ETHEREUM_SEPOLIA,
            4952100,
            4952103,
            1,
            BlockSampledProperty.parse("account.0x0a4de450feb156a2a51ed159b2fb99da26e5f3a3.nonce"));
    String batched =
        "0x000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000aa36a700000000000000000000000000000000000000000000000000000000004b902400000000000000000000000000000000000000000000000000000000004b9027000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000c00000000000000000000000000000000000000000000000000000000000000016020a4de450feb156a2a51ed159b2fb99da26e5f3a30000000000000000000000";
    // abi.encode(bytes[]{d}) = offset 0x20, count 1, element offset 0x20, length 0x100, d.
    assertEquals(
        "0x"
            + word(0x20)
            + word(1)
            + word(0x20)
            + word(0x100)
            + Hex.encodeNoPrefix(datalake.encode()),
        batched);
    assertEquals(
        "0x89a8dee2a8f137b614aa5973fab6a0994393e5aa1993960be6ec38e128f625b3",
        datalake.commitment().toHex());
    assertEquals(datalake, Datalake.decode(datalake.encode()));
  }

  @Test
  void v5HeaderNumberAverageDatalakeAndTask() {
    var datalake = header(5858987, 5858997, 1, HeaderField.NUMBER);
    assertEquals(
        "0x"
            + word(0)
            + word(0xaa36a7)
            + word(0x5966ab)
            + word(0x5966b5)
            + word(1)
            + word(0xc0)
            + word(2)
            + "0108"
            + "00".repeat(30),
        Hex.encode(datalake.encode()));
    assertEquals(
        "0xe25f7c6d6b57c16f61d85911d59aed7623e4e2e4463eb2e59e2144136bba1fd6",
        datalake.commitment().toHex());
    var task = new DatalakeComputeTask(datalake, Computation.of(AggregateFunction.AVG));
    assertEquals(datalake.commitment().toHex() + "00".repeat(96), Hex.encode(task.encode()));
    assertEquals(
        "0xc045b2ad4e6c9efb76f0fb712b20891496165bd6b7f32e148aee2243e3687307",
        task.commitment().toHex());
  }

  @Test
  void v6BaseFeeCountDatalakeAndTask() {
    var datalake = header(5515000, 5515028, 10, HeaderField.BASE_FEE_PER_GAS);
    assertEquals(
        "0x95a4bd27dc1a11c79608a348e55366e5c30042722083501e5f3cca89d580067e",
        datalake.commitment().toHex());
    var task =
        new DatalakeComputeTask(
            datalake, Computation.count(Operator.GT, UInt256.parse("1000000000000000000")));
    assertEquals(
        "0xf9439166b16d3ebbc8c047754c9c4cf7c4012c5850f44a81da9c34c32f91cee3",
        task.commitment().toHex());
  }

  @Test
  void v10ModuleCommitmentsCommitOnlyPublicInputs() {
    var hash =
        Bytes32.fromHex("0x00af1333b8346c1ac941efe380f3122a71c1f7cbad19301543712e74f765bfca");
    var a = input(ModuleTask.Visibility.PUBLIC, "4F21E5");
    var b = input(ModuleTask.Visibility.PUBLIC, "4F21E8");
    String c = "13cb6ae34a13a0977f4d7101ebc24b87bb23f0d5";
    assertEquals(
        "0x879869b6d237b92bfdd3f3f7b76baaa9ebb2a3ad5e8478d12cca258d3def05af",
        new ModuleTask(hash, List.of(a, b, input(ModuleTask.Visibility.PUBLIC, c)))
            .commitment()
            .toHex());
    assertEquals(
        "0xd81ebd27b719967e1df4edf64c9e3ce87635089e3462306af340a393625d8726",
        new ModuleTask(hash, List.of(a, b, input(ModuleTask.Visibility.PRIVATE, c)))
            .commitment()
            .toHex());
    var testFixture =
        new ModuleTask(
            Bytes32.fromHex("0x04062c355f0b70ab4ed6ce821ad04cbb3a6fa6b3d5bcc1a89bf49cc7ed5884e1"),
            List.of(
                input(ModuleTask.Visibility.PUBLIC, "5222A4"),
                input(ModuleTask.Visibility.PUBLIC, c)));
    assertEquals(
        "0xecbdca7d408d6293d94bd8094297d103015160eafab59adfaa3b4b3e32b0aae5",
        testFixture.commitment().toHex());
  }

  @Test
  void sampledPropertyBytesMatchHdpLayouts() {
    var address = Address.fromHex("0x75cec1db9dceb703200eaa6595f66885c962b920");
    assertEquals(
        "0x010f", Hex.encode(BlockSampledProperty.parse("header.base_fee_per_gas").encode()));
    assertEquals(
        "0x0275cec1db9dceb703200eaa6595f66885c962b92001",
        Hex.encode(new BlockSampledProperty.Account(address, AccountField.BALANCE).encode()));
    assertEquals(
        "0x0375cec1db9dceb703200eaa6595f66885c962b920" + word(1),
        Hex.encode(new BlockSampledProperty.Storage(address, UInt256.of(1).toBytes32()).encode()));
    // V4's transaction properties.
    assertEquals("0x0100", Hex.encode(TransactionsProperty.parse("tx.nonce").encode()));
    assertEquals("0x010a", Hex.encode(TransactionsProperty.parse("tx.access_list").encode()));
    assertEquals("0x0200", Hex.encode(TransactionsProperty.parse("tx_receipt.success").encode()));
    assertEquals("0x0203", Hex.encode(TransactionsProperty.parse("tx_receipt.bloom").encode()));
  }

  @Test
  void includedTypesWordMatchesHdp() {
    assertEquals(0x0101, new IncludedTypes(false, false, true, true).toUInt256().intValue());
    assertEquals(0x01000100, new IncludedTypes(true, false, true, false).toUInt256().intValue());
    assertEquals(
        new IncludedTypes(true, false, true, false),
        IncludedTypes.fromUInt256(java.math.BigInteger.valueOf(0x01000100)));
  }

  @Test
  void transactionsDatalakeHasEightHeadWordsAndOneDataWord() {
    var datalake =
        new TransactionsInBlockDatalake(
            ChainId.ETHEREUM_SEPOLIA,
            100000,
            1,
            100,
            1,
            new IncludedTypes(false, false, true, true),
            TransactionsProperty.parse("tx_receipt.success"));
    assertEquals(
        "0x"
            + word(1)
            + word(0xaa36a7)
            + word(100000)
            + word(1)
            + word(100)
            + word(1)
            + word(0x0101)
            + word(0x100)
            + word(2)
            + "0200"
            + "00".repeat(30),
        Hex.encode(datalake.encode()));
  }

  private static ModuleTask.Input input(ModuleTask.Visibility visibility, String hex) {
    return new ModuleTask.Input(visibility, UInt256.parse("0x" + hex).toBytes32());
  }

  static String word(long value) {
    return String.format("%064x", value);
  }
}
