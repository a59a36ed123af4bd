package dev.hdp.core.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.proof.ProofResult;
import dev.hdp.core.rlp.RlpDecoder;
import dev.hdp.core.rlp.RlpEncoder;
import dev.hdp.core.rlp.RlpException;
import dev.hdp.core.trie.MerklePatriciaTrie;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionAndReceiptTest {
  /** The signed example of EIP-155 (https://eips.ethereum.org/EIPS/eip-155). */
  static final String EIP155_EXAMPLE =
      "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080"
          + "25a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aec"
          + "b703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

  @Test
  void legacyEip155Example() {
    Transaction tx = Transaction.decode(Hex.decode(EIP155_EXAMPLE));
    assertEquals(TransactionType.LEGACY, tx.type());
    assertEquals(9, tx.nonce());
    assertEquals(Optional.of(UInt256.of(20_000_000_000L)), tx.gasPrice());
    assertEquals(21000, tx.gasLimit());
    assertEquals(
        Optional.of(Address.fromHex("0x3535353535353535353535353535353535353535")), tx.to());
    assertEquals(UInt256.of(BigInteger.TEN.pow(18)), tx.value());
    assertEquals(UInt256.of(37), tx.v());
    assertEquals(Optional.of(1L), tx.chainId());
    assertEquals(
        new BigInteger(
            "18515461264373351373200002665853028612451056578545711640558177340181847433846"),
        tx.r().value());
    assertEquals(Optional.of(UInt256.of(37)), tx.value(TransactionField.V));
    assertEquals(Optional.of(UInt256.of(1)), tx.value(TransactionField.CHAIN_ID));
    assertEquals(Optional.of(UInt256.ZERO), tx.value(TransactionField.INPUT));
    assertEquals(Optional.empty(), tx.value(TransactionField.MAX_FEE_PER_GAS));
    assertEquals(Optional.empty(), tx.value(TransactionField.ACCESS_LIST));
    assertArrayEquals(Hex.decode(EIP155_EXAMPLE), tx.encoded());
  }

  @Test
  void preEip155LegacyHasNoChainId() {
    byte[] bytes = Hex.decode(EIP155_EXAMPLE);
    int v = EIP155_EXAMPLE.indexOf("8025a0") / 2 + 1; // the v byte follows the empty data string
    assertEquals(0x25, bytes[v]);
    bytes[v] = 0x1b;
    Transaction tx = Transaction.decode(bytes);
    assertEquals(Optional.empty(), tx.chainId());
    assertEquals(Optional.empty(), tx.value(TransactionField.CHAIN_ID));
  }

  /** go-ethereum {@code core/types/transaction_test.go}, {@code TestEIP2718TransactionEncode}. */
  @Test
  void eip2930Example() {
    Transaction tx =
        Transaction.decode(
            Hex.decode(
                "01f8630103018261a894b94f5374fce5edbc8e2a8697c15331677e6ebf0b0a825544c001a0c9519f4f"
                    + "2b30335884581971573fadf60c6204f59a911df35ee8a540456b2660a032f1e8e2c5dd761f9e4f88"
                    + "f41c8310aeaba26a8bfcdacfedfa12ec3862d37521"));
    assertEquals(TransactionType.EIP2930, tx.type());
    assertEquals(Optional.of(1L), tx.chainId());
    assertEquals(3, tx.nonce());
    assertEquals(Optional.of(UInt256.ONE), tx.value(TransactionField.GAS_PRICE));
    assertEquals(25000, tx.gasLimit());
    assertEquals(Optional.of(UInt256.of(10)), tx.value(TransactionField.VALUE));
    assertEquals(Optional.of(UInt256.of(0x5544)), tx.value(TransactionField.INPUT));
    assertEquals(Optional.of(List.of()), tx.accessList());
    assertEquals(Optional.of(UInt256.ONE), tx.value(TransactionField.V));
    assertEquals(Optional.empty(), tx.value(TransactionField.MAX_PRIORITY_FEE_PER_GAS));
  }

  /** An EIP-1559 encoding published with its fields (signed-dynamic example, chain 1). */
  @Test
  void eip1559Example() {
    Transaction tx =
        Transaction.decode(
            Hex.decode(
                "02f864010180820fa08284d09411111111111111111111111111111111111111118080c001a0b7dfab"
                    + "36232379bb3d1497a4f91c1966b1f932eae3ade107bf5d723b9cb474e0a06261c359a10f2132f126"
                    + "d250485b90cf20f30340801244a08ef6142ab33d1904"));
    assertEquals(TransactionType.EIP1559, tx.type());
    assertEquals(Optional.of(UInt256.ZERO), tx.value(TransactionField.MAX_PRIORITY_FEE_PER_GAS));
    assertEquals(Optional.of(UInt256.of(4000)), tx.value(TransactionField.MAX_FEE_PER_GAS));
    assertEquals(34000, tx.gasLimit());
    assertEquals(Optional.empty(), tx.value(TransactionField.GAS_PRICE), "HDP has none for 1559");
    assertEquals(
        Optional.of(UInt256.of(new BigInteger("1111111111111111111111111111111111111111", 16))),
        tx.value(TransactionField.TO));
  }

  /** A type-4 transaction built with the field layout of EIP-7702, with one authorization. */
  @Test
  void eip7702DecodesWithItsAuthorizationList() {
    byte[] authorization =
        RlpEncoder.encodeList(
            RlpEncoder.encodeLong(11155111),
            RlpEncoder.encodeBytes(new byte[20]),
            RlpEncoder.encodeLong(5),
            RlpEncoder.encodeLong(1),
            RlpEncoder.encodeLong(123),
            RlpEncoder.encodeLong(456));
    List<byte[]> fields = new ArrayList<>();
    fields.add(RlpEncoder.encodeLong(11155111));
    fields.add(RlpEncoder.encodeLong(7));
    fields.add(RlpEncoder.encodeLong(2));
    fields.add(RlpEncoder.encodeLong(30));
    fields.add(RlpEncoder.encodeLong(50000));
    fields.add(RlpEncoder.encodeBytes(Hex.decode("2222222222222222222222222222222222222222")));
    fields.add(RlpEncoder.encodeLong(0));
    fields.add(RlpEncoder.encodeBytes(new byte[0]));
    fields.add(RlpEncoder.encodeList());
    fields.add(RlpEncoder.encodeList(authorization));
    fields.add(RlpEncoder.encodeLong(0));
    fields.add(RlpEncoder.encodeLong(99));
    fields.add(RlpEncoder.encodeLong(98));
    Transaction tx = Transaction.decode(typed(4, RlpEncoder.encodeList(fields)));
    assertEquals(TransactionType.EIP7702, tx.type());
    assertEquals(Optional.of(11155111L), tx.chainId());
    Authorization auth = tx.authorizationList().orElseThrow().get(0);
    assertEquals(5, auth.nonce());
    assertEquals(1, auth.yParity());
    assertEquals(UInt256.of(11155111), auth.chainId());
    assertEquals(Optional.of(UInt256.of(30)), tx.value(TransactionField.MAX_FEE_PER_GAS));

    fields.set(5, RlpEncoder.encodeBytes(new byte[0]));
    RlpException creation =
        assertThrows(
            RlpException.class, () -> Transaction.decode(typed(4, RlpEncoder.encodeList(fields))));
    assertEquals(RlpException.Kind.WRONG_LENGTH, creation.kind());
    assertTrue(creation.getMessage().contains("field to"), creation.getMessage());
  }

  @Test
  void rejectsUnknownTypesAndBadParity() {
    byte[] body = Hex.decode(EIP155_EXAMPLE);
    assertEquals(
        RlpException.Kind.INVALID_VALUE,
        assertThrows(RlpException.class, () -> Transaction.decode(typed(5, body))).kind());
    assertEquals(
        RlpException.Kind.INVALID_VALUE,
        assertThrows(RlpException.class, () -> Transaction.decode(typed(0, body))).kind());
    byte[] eip2930 =
        Hex.decode(
            "01f8630103018261a894b94f5374fce5edbc8e2a8697c15331677e6ebf0b0a825544c002a0c9519f4f"
                + "2b30335884581971573fadf60c6204f59a911df35ee8a540456b2660a032f1e8e2c5dd761f9e4f88"
                + "f41c8310aeaba26a8bfcdacfedfa12ec3862d37521");
    RlpException parity = assertThrows(RlpException.class, () -> Transaction.decode(eip2930));
    assertEquals(RlpException.Kind.INVALID_VALUE, parity.kind());
    assertTrue(parity.getMessage().contains("yParity"), parity.getMessage());
    assertEquals(
        RlpException.Kind.EMPTY_INPUT,
        assertThrows(RlpException.class, () -> Transaction.decode(new byte[0])).kind());
  }

  /** Fixture blocks hold blob transactions and contract creations; their HDP values. */
  @Test
  void fixtureBlobTransactionsAndContractCreations() {
    int blobs = 0;
    int creations = 0;
    for (Path folder : FixtureProofsTest.folders().toList()) {
      ChainDataFixture data = FixtureProofsTest.fixture(folder);
      Map<Long, BlockHeader> headers = FixtureProofsTest.headersByNumber(data);
      for (ChainDataFixture.TrieEntry t : data.transactions()) {
        long index = RlpDecoder.decode(t.key()).asString().asLong();
        Transaction tx =
            ChainProofs.verifyTransaction(headers.get(t.blockNumber()), index, t.proof())
                .value()
                .orElseThrow();
        if (tx.type() == TransactionType.EIP4844) {
          blobs++;
          List<Bytes32> hashes = tx.blobVersionedHashes().orElseThrow();
          assertEquals(
              Optional.of(UInt256.of(hashes.get(0).toBigInteger())),
              tx.value(TransactionField.BLOB_VERSIONED_HASHES));
          assertEquals(1, hashes.get(0).get(0), "version byte of a KZG versioned hash");
          assertTrue(tx.value(TransactionField.MAX_FEE_PER_BLOB_GAS).isPresent());
          assertEquals(Optional.empty(), tx.value(TransactionField.GAS_PRICE));
        }
        if (tx.to().isEmpty()) {
          creations++;
          assertEquals(Optional.empty(), tx.value(TransactionField.TO));
        }
      }
    }
    assertTrue(blobs > 0, "blob transactions present");
    assertTrue(creations > 0, "contract creations present");
  }

  private static byte[] typed(int type, byte[] payload) {
    byte[] out = new byte[payload.length + 1];
    out[0] = (byte) type;
    System.arraycopy(payload, 0, out, 1, payload.length);
    return out;
  }

  private static byte[] receipt(int type, byte[] status, long gas, int logCount) {
    List<byte[]> logs = new ArrayList<>();
    for (int i = 0; i < logCount; i++) {
      logs.add(
          RlpEncoder.encodeList(
              RlpEncoder.encodeBytes(Hex.decode("3535353535353535353535353535353535353535")),
              RlpEncoder.encodeList(RlpEncoder.encode(Bytes32.fromBigInteger(BigInteger.TEN))),
              RlpEncoder.encodeBytes(new byte[] {1, 2, 3})));
    }
    byte[] body =
        RlpEncoder.encodeList(
            RlpEncoder.encodeBytes(status),
            RlpEncoder.encodeLong(gas),
            RlpEncoder.encodeBytes(new byte[256]),
            RlpEncoder.encodeList(logs));
    return type == 0 ? body : typed(type, body);
  }

  @Test
  void receiptsOfEveryKindAndTheirHdpValues() {
    Receipt legacy = Receipt.decode(receipt(0, new byte[] {1}, 21000, 2));
    assertEquals(TransactionType.LEGACY, legacy.type());
    assertEquals(Optional.of(true), legacy.status());
    assertEquals(UInt256.ONE, legacy.value(ReceiptField.SUCCESS));
    assertEquals(UInt256.of(21000), legacy.value(ReceiptField.CUMULATIVE_GAS_USED));
    assertEquals(UInt256.of(2), legacy.value(ReceiptField.LOGS));
    assertEquals(UInt256.of(256), legacy.value(ReceiptField.BLOOM));
    assertEquals(List.of(Bytes32.fromBigInteger(BigInteger.TEN)), legacy.logs().get(1).topics());

    Receipt failed = Receipt.decode(receipt(2, new byte[0], 50000, 0));
    assertEquals(TransactionType.EIP1559, failed.type());
    assertEquals(UInt256.ZERO, failed.value(ReceiptField.SUCCESS));
    for (int type = 1; type <= 4; type++) {
      assertEquals(type, Receipt.decode(receipt(type, new byte[] {1}, 1, 1)).type().id());
    }
    Bytes32 root = Bytes32.fromBigInteger(BigInteger.valueOf(12345));
    Receipt byzantiumBefore = Receipt.decode(receipt(0, root.toArray(), 1, 0));
    assertEquals(Optional.of(root), byzantiumBefore.postState());
    assertEquals(UInt256.of(12345), byzantiumBefore.value(ReceiptField.SUCCESS));

    RlpException badStatus =
        assertThrows(RlpException.class, () -> Receipt.decode(receipt(0, new byte[] {2}, 1, 0)));
    assertEquals(RlpException.Kind.INVALID_VALUE, badStatus.kind());
    assertTrue(badStatus.getMessage().contains("status"), badStatus.getMessage());
  }

  /**
   * A block's receipts trie rebuilt from its receipts: every receipt proves, the next is absent.
   */
  @Test
  void receiptTrieProofs() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    List<byte[]> receipts = new ArrayList<>();
    for (int i = 0; i < 140; i++) {
      byte[] r = receipt(i % 5, new byte[] {1}, 21000L * (i + 1), i % 3);
      receipts.add(r);
      trie.put(ChainProofs.indexKey(i), r);
    }
    for (int i = 0; i < 141; i++) {
      ProofResult<Optional<Receipt>> r =
          ChainProofs.verifyReceipt(trie.rootHash(), i, trie.proof(ChainProofs.indexKey(i)));
      assertTrue(r.isValid(), r::toString);
      if (i < 140) {
        assertArrayEquals(receipts.get(i), r.value().orElseThrow().encoded());
        assertEquals(21000L * (i + 1), r.value().orElseThrow().cumulativeGasUsed());
      } else {
        assertEquals(Optional.empty(), r.value());
      }
    }
  }
}
