package dev.hdp.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hdp.core.abi.AbiDecodingException;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.chain.AccountField;
import dev.hdp.core.chain.HeaderField;
import dev.hdp.core.chain.ReceiptField;
import dev.hdp.core.chain.TransactionField;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Round-trip and mutation tests of the datalake and task codecs: every encoding decodes back to its
 * value, and every single-byte change either fails with {@link AbiDecodingException} or decodes to
 * a different value — never silently to the same task, never with another exception.
 */
class CodecMutationTest {
  private static final long SEED = 0x5eed_2026L;
  private static final int[] MASKS = {0x01, 0x80, 0xff};

  @Test
  void everyValueRoundTrips() {
    for (Datalake datalake : sampleDatalakes()) {
      byte[] encoded = datalake.encode();
      assertEquals(datalake, Datalake.decode(encoded), datalake::toString);
      for (Computation computation : sampleComputations()) {
        var task = new DatalakeComputeTask(datalake, computation);
        assertEquals(task, DatalakeComputeTask.decode(task.encode(), encoded));
        assertEquals(computation, Computation.decode(computation.encode()));
      }
    }
  }

  @Test
  void everyFlippedByteOfADatalakeFailsOrChangesTheValue() {
    for (Datalake datalake : sampleDatalakes()) {
      assertMutationsDetected(datalake.encode(), datalake, Datalake::decode);
    }
  }

  @Test
  void everyFlippedByteOfATaskFailsOrChangesTheValue() {
    Random random = new Random(SEED);
    List<Datalake> datalakes = sampleDatalakes();
    for (Computation computation : sampleComputations()) {
      Datalake datalake = datalakes.get(random.nextInt(datalakes.size()));
      var task = new DatalakeComputeTask(datalake, computation);
      byte[] encodedDatalake = datalake.encode();
      assertMutationsDetected(
          task.encode(), task, bytes -> DatalakeComputeTask.decode(bytes, encodedDatalake));
      assertMutationsDetected(
          encodedDatalake, task, bytes -> DatalakeComputeTask.decode(task.encode(), bytes));
      assertMutationsDetected(computation.encode(), computation, Computation::decode);
    }
  }

  @Test
  void truncatedOrExtendedEncodingsAreRejected() {
    for (Datalake datalake : sampleDatalakes()) {
      byte[] encoded = datalake.encode();
      for (int cut : new int[] {0, 1, 31, 32, encoded.length - 32, encoded.length - 1}) {
        byte[] shorter = Arrays.copyOf(encoded, cut);
        assertThrows(AbiDecodingException.class, () -> Datalake.decode(shorter), "cut " + cut);
      }
      for (int extra : new int[] {1, 32}) {
        byte[] longer = Arrays.copyOf(encoded, encoded.length + extra);
        var e = assertThrows(AbiDecodingException.class, () -> Datalake.decode(longer));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
      }
    }
  }

  @Test
  void decodingErrorsNameTheField() {
    var datalake =
        new BlockSampledDatalake(
            ChainId.ETHEREUM_SEPOLIA,
            10,
            20,
            1,
            new BlockSampledProperty.Header(HeaderField.NUMBER));
    byte[] good = datalake.encode();

    byte[] reversed = good.clone();
    word(reversed, 2, 30); // start 30 > end 20
    var range = assertThrows(AbiDecodingException.class, () -> Datalake.decode(reversed));
    assertEquals("blockRangeEnd", range.field());
    assertTrue(range.getMessage().contains("must be >= blockRangeStart (30)"), range.getMessage());

    byte[] offset = good.clone();
    word(offset, 5, 0xe0);
    assertEquals(
        "sampledProperty.offset",
        assertThrows(AbiDecodingException.class, () -> Datalake.decode(offset)).field());

    byte[] padding = good.clone();
    padding[padding.length - 1] = 1;
    var pad = assertThrows(AbiDecodingException.class, () -> Datalake.decode(padding));
    assertEquals("sampledProperty", pad.field());
    assertTrue(pad.getMessage().contains("non-zero padding"), pad.getMessage());

    byte[] field = good.clone();
    field[7 * 32 + 1] = 20; // header field id 20 does not exist
    var unknown = assertThrows(AbiDecodingException.class, () -> Datalake.decode(field));
    assertTrue(unknown.getMessage().contains("unknown header field id 20"), unknown.getMessage());

    byte[] huge = good.clone();
    huge[2 * 32] = 1; // a block number beyond 63 bits
    assertEquals(
        "blockRangeStart",
        assertThrows(AbiDecodingException.class, () -> Datalake.decode(huge)).field());

    byte[] type = good.clone();
    type[31] = 2;
    var t = assertThrows(AbiDecodingException.class, () -> Datalake.decode(type));
    assertTrue(t.getMessage().contains("unknown datalake type 0x2"), t.getMessage());
  }

  @Test
  void taskDecodingChecksTheDatalakeCommitment() {
    List<Datalake> datalakes = sampleDatalakes();
    var task = new DatalakeComputeTask(datalakes.get(0), Computation.of(AggregateFunction.SUM));
    var e =
        assertThrows(
            AbiDecodingException.class,
            () -> DatalakeComputeTask.decode(task.encode(), datalakes.get(1).encode()));
    assertEquals("datalakeCommitment", e.field());
  }

  @Test
  void propertyTextFormsRoundTripForEveryField() {
    var address = Address.fromHex("0x7f2c6f930306d3aa736b3a6c6a98f512f74036d4");
    List<BlockSampledProperty> block = new ArrayList<>();
    for (HeaderField f : HeaderField.values()) {
      block.add(new BlockSampledProperty.Header(f));
    }
    for (AccountField f : AccountField.values()) {
      block.add(new BlockSampledProperty.Account(address, f));
    }
    block.add(new BlockSampledProperty.Storage(address, UInt256.of(5).toBytes32()));
    for (BlockSampledProperty p : block) {
      assertEquals(p, BlockSampledProperty.parse(p.text()));
      assertEquals(p, BlockSampledProperty.parse(p.text().toUpperCase().replace("0X", "0x")));
      assertEquals(p, BlockSampledProperty.decode(p.encode()));
    }
    assertEquals("header.base_fee_per_gas", block.get(15).text());
    assertEquals(
        "account.0x7f2c6f930306d3aa736b3a6c6a98f512f74036d4.balance", block.get(21).text());
    List<TransactionsProperty> txs = new ArrayList<>();
    for (TransactionField f : TransactionField.values()) {
      txs.add(new TransactionsProperty.Transaction(f));
    }
    for (ReceiptField f : ReceiptField.values()) {
      txs.add(new TransactionsProperty.Receipt(f));
    }
    for (TransactionsProperty p : txs) {
      assertEquals(p, TransactionsProperty.parse(p.text()));
      assertEquals(p, TransactionsProperty.decode(p.encode()));
    }
    assertEquals("tx.gas_price", txs.get(1).text());
    assertEquals("tx_receipt.success", txs.get(15).text());
  }

  @Test
  void badPropertyTextsAreRejectedWithTheReason() {
    assertReason(
        "unknown header field 'base_fee'", () -> BlockSampledProperty.parse("header.base_fee"));
    assertReason("unknown kind 'block'", () -> BlockSampledProperty.parse("block.number"));
    assertReason(
        "needs a 0x prefix",
        () -> BlockSampledProperty.parse("account.7f2c6f930306d3aa736b3a6c6a98f512f74036d4.nonce"));
    assertReason(
        "bad storage slot",
        () ->
            BlockSampledProperty.parse("storage.0x7f2c6f930306d3aa736b3a6c6a98f512f74036d4.0x01"));
    assertReason("is not header.<field>", () -> BlockSampledProperty.parse("header.number.x"));
    assertReason("is not tx.<field>", () -> TransactionsProperty.parse("receipt.success"));
    assertReason("unknown receipt field", () -> TransactionsProperty.parse("tx_receipt.status"));
  }

  @Test
  void everyOperatorRoundTripsIncludingHdpsLteqQuirk() {
    for (Operator op : Operator.values()) {
      assertEquals(op, Operator.parse(op.symbol()));
      assertEquals(op, Operator.fromId(op.id()));
    }
    assertEquals(Operator.LTE, Operator.parse("lteq="));
    assertEquals("lteq", Operator.LTE.symbol());
    assertEquals(Operator.NEQ, Operator.parse("NQ"));
    assertReason("unknown operator 'neq'", () -> Operator.parse("neq"));
  }

  private static void assertReason(String expected, Runnable action) {
    var e = assertThrows(TaskValidationException.class, action::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static <T> void assertMutationsDetected(
      byte[] encoded, T original, Function<byte[], T> decode) {
    for (int i = 0; i < encoded.length; i++) {
      for (int mask : MASKS) {
        int at = i;
        byte[] mutated = encoded.clone();
        mutated[at] ^= (byte) mask;
        try {
          T decoded = decode.apply(mutated);
          assertNotEquals(
              original,
              decoded,
              () ->
                  "byte "
                      + at
                      + " of "
                      + Hex.abbreviate(Hex.encode(encoded))
                      + " changed silently");
        } catch (AbiDecodingException expected) {
          // the typed rejection is the other allowed outcome
        } catch (RuntimeException other) {
          fail("byte " + i + " ^ " + mask + " threw " + other, other);
        }
      }
    }
  }

  private static void word(byte[] data, int slot, long value) {
    UInt256.of(value).toBytes32().copyTo(data, 32 * slot);
  }

  /** Fixed edge cases plus seeded random datalakes of every kind. */
  static List<Datalake> sampleDatalakes() {
    Random random = new Random(SEED);
    List<Datalake> out = new ArrayList<>();
    out.add(
        new BlockSampledDatalake(
            ChainId.ETHEREUM_SEPOLIA,
            5858987,
            5858997,
            1,
            BlockSampledProperty.parse("header.number")));
    out.add(
        new BlockSampledDatalake(
            ChainId.STARKNET_SEPOLIA,
            0,
            Long.MAX_VALUE,
            Long.MAX_VALUE,
            BlockSampledProperty.parse(
                "storage.0x75cec1db9dceb703200eaa6595f66885c962b920."
                    + "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")));
    out.add(
        new TransactionsInBlockDatalake(
            ChainId.of(31337),
            1,
            0,
            1,
            1,
            IncludedTypes.ALL,
            TransactionsProperty.parse("tx.value")));
    for (int i = 0; i < 12; i++) {
      ChainId chain =
          new ChainId(new BigInteger(random.nextInt(127) + 1, random).add(BigInteger.ONE));
      long start = random.nextLong(1L << 40);
      long length = random.nextLong(1000);
      Address address = Address.of(randomBytes(random, 20));
      BlockSampledProperty property =
          switch (i % 3) {
            case 0 -> new BlockSampledProperty.Header(HeaderField.fromId(random.nextInt(20)));
            case 1 ->
                new BlockSampledProperty.Account(address, AccountField.fromId(random.nextInt(4)));
            default ->
                new BlockSampledProperty.Storage(address, Bytes32.of(randomBytes(random, 32)));
          };
      out.add(
          new BlockSampledDatalake(chain, start, start + length, 1 + random.nextInt(50), property));
      int types = 1 + random.nextInt(15);
      TransactionsProperty txProperty =
          i % 2 == 0
              ? new TransactionsProperty.Transaction(TransactionField.fromId(random.nextInt(15)))
              : new TransactionsProperty.Receipt(ReceiptField.fromId(random.nextInt(4)));
      out.add(
          new TransactionsInBlockDatalake(
              chain,
              start,
              random.nextInt(100),
              100 + random.nextInt(100),
              1 + random.nextInt(10),
              new IncludedTypes(
                  (types & 8) != 0, (types & 4) != 0, (types & 2) != 0, (types & 1) != 0),
              txProperty));
    }
    return out;
  }

  static List<Computation> sampleComputations() {
    List<Computation> out = new ArrayList<>();
    for (AggregateFunction fn : AggregateFunction.values()) {
      if (fn != AggregateFunction.COUNT) {
        out.add(Computation.of(fn));
      }
    }
    for (Operator op : Operator.values()) {
      if (op != Operator.NONE) {
        out.add(Computation.count(op, UInt256.of(1_000_000_007L * op.id())));
      }
    }
    out.add(Computation.count(Operator.LTE, new UInt256(UInt256.MAX_VALUE)));
    return out;
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }
}
