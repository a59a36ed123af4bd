package dev.hdp.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.proof.FailureReason;
import dev.hdp.core.proof.ProofResult;
import dev.hdp.core.rlp.RlpDecoder;
import dev.hdp.core.rlp.RlpEncoder;
import dev.hdp.core.rlp.RlpException;
import dev.hdp.core.rlp.RlpList;
import dev.hdp.core.trie.MerklePatriciaTrie;
import dev.hdp.fixtures.SharedFixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutations of real proofs, headers and values from the {@code hdp-sepolia} fixtures: each is
 * caught, with the precise reason and the index of the node at fault.
 */
class FixtureMutationTest {
  private static ChainDataFixture data(String folder) {
    return FixtureProofsTest.fixture(SharedFixtures.resolve("hdp-sepolia/" + folder));
  }

  private static List<byte[]> copy(List<byte[]> nodes) {
    List<byte[]> out = new ArrayList<>();
    nodes.forEach(n -> out.add(n.clone()));
    return out;
  }

  private static void assertFailure(
      FailureReason reason, int index, ProofResult<?> result, String what) {
    assertFalse(result.isValid(), what + ": expected " + reason + " but the proof verified");
    assertEquals(reason, result.failure().reason(), what + ": " + result.failure());
    assertEquals(index, result.failure().index(), what + ": " + result.failure());
  }

  @Test
  void accountProofMutations() {
    ChainDataFixture data = data("10");
    Map<Long, BlockHeader> headers = FixtureProofsTest.headersByNumber(data);
    ChainDataFixture.AccountEntry account = data.accounts().get(0);
    ChainDataFixture.BlockProof p = account.proofs().get(0);
    BlockHeader header = headers.get(p.blockNumber());
    Address address = account.address();
    List<byte[]> proof = p.proof();
    int n = proof.size();
    assertTrue(n >= 3, "a real state proof has several levels");
    Account original = ChainProofs.verifyAccount(header, address, proof).value().orElseThrow();

    for (int i = 0; i < n; i++) {
      List<byte[]> flipped = copy(proof);
      flipped.get(i)[flipped.get(i).length / 2] ^= 0x01;
      assertFailure(
          i == 0 ? FailureReason.ROOT_MISMATCH : FailureReason.NODE_HASH_MISMATCH,
          i,
          ChainProofs.verifyAccount(header, address, flipped),
          "byte flipped in node " + i);
    }
    assertFailure(
        FailureReason.MISSING_NODE,
        n - 1,
        ChainProofs.verifyAccount(header, address, proof.subList(0, n - 1)),
        "last node dropped");
    List<byte[]> withoutSecond = copy(proof);
    withoutSecond.remove(1);
    assertFailure(
        FailureReason.NODE_HASH_MISMATCH,
        1,
        ChainProofs.verifyAccount(header, address, withoutSecond),
        "middle node dropped");
    List<byte[]> extra = copy(proof);
    extra.add(proof.get(n - 1).clone());
    assertFailure(
        FailureReason.UNUSED_NODES,
        n,
        ChainProofs.verifyAccount(header, address, extra),
        "node appended");
    assertFailure(
        FailureReason.EMPTY_PROOF,
        -1,
        ChainProofs.verifyAccount(header, address, List.of()),
        "no nodes");

    // The value: the leaf re-encoded with one more wei no longer hashes to its parent's reference.
    RlpList leaf = RlpDecoder.decodeList(proof.get(n - 1));
    Account richer =
        new Account(
            original.nonce(),
            original.balance().add(UInt256.ONE),
            original.storageRoot(),
            original.codeHash());
    List<byte[]> forged = copy(proof);
    forged.set(
        n - 1,
        RlpEncoder.encodeList(leaf.get(0).encoded(), RlpEncoder.encodeBytes(richer.encode())));
    assertFailure(
        FailureReason.NODE_HASH_MISMATCH,
        n - 1,
        ChainProofs.verifyAccount(header, address, forged),
        "balance changed in the leaf");

    // Another block's state root, and another address.
    BlockHeader other = headers.get(p.blockNumber() + 1);
    assertFailure(
        FailureReason.ROOT_MISMATCH,
        0,
        ChainProofs.verifyAccount(other, address, proof),
        "another block's state root");
    ProofResult<?> wrongAddress =
        ChainProofs.verifyAccount(
            header, Address.fromHex("0x0000000000000000000000000000000000000001"), proof);
    assertFailure(FailureReason.NODE_HASH_MISMATCH, 1, wrongAddress, "a proof of another account");

    // A well-hashed but malformed root node (trailing byte): the root is recomputed to match.
    byte[] malformed = Arrays.copyOf(proof.get(0), proof.get(0).length + 1);
    assertFailure(
        FailureReason.MALFORMED_NODE,
        0,
        ChainProofs.verifyAccount(Keccak256.hash(malformed), address, List.of(malformed)),
        "non-canonical root node");
  }

  /** A leaf whose value is not an account decodes to a MALFORMED_VALUE failure at the leaf. */
  @Test
  void provenLeafThatIsNotAnAccount() {
    Address address = Address.fromHex("0x7f2c6f930306d3aa736b3a6c6a98f512f74036d4");
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    trie.put(address.keccak().toArray(), RlpEncoder.encodeList(RlpEncoder.encodeLong(1)));
    for (int i = 0; i < 40; i++) {
      trie.put(Keccak256.hash(new byte[] {(byte) i}).toArray(), new byte[40]);
    }
    List<byte[]> proof = trie.proof(address.keccak().toArray());
    ProofResult<?> r = ChainProofs.verifyAccount(trie.rootHash(), address, proof);
    assertFailure(
        FailureReason.MALFORMED_VALUE,
        proof.size() - 1,
        r,
        "a one-item list where an account is expected");
    assertTrue(r.failure().message().contains("account must have 4 items"), r.failure().message());

    MerklePatriciaTrie storage = new MerklePatriciaTrie();
    Bytes32 slot = Bytes32.ZERO;
    storage.put(
        Keccak256.hash(slot.toArray()).toArray(), RlpEncoder.encodeBytes(new byte[] {0, 1}));
    assertFailure(
        FailureReason.MALFORMED_VALUE,
        0,
        ChainProofs.verifyStorage(
            storage.rootHash(), slot, storage.proof(Keccak256.hash(slot.toArray()).toArray())),
        "storage value with a leading zero");
  }

  @Test
  void storageProofMutations() {
    ChainDataFixture data = data("19");
    Map<Long, BlockHeader> headers = FixtureProofsTest.headersByNumber(data);
    ChainDataFixture.StorageEntry storage = data.storages().get(0);
    ChainDataFixture.AccountEntry accountEntry = data.accounts().get(0);
    ChainDataFixture.BlockProof p = storage.proofs().get(0);
    List<byte[]> accountProof =
        accountEntry.proofs().stream()
            .filter(a -> a.blockNumber() == p.blockNumber())
            .findFirst()
            .orElseThrow()
            .proof();
    Account account =
        ChainProofs.verifyAccount(
                headers.get(p.blockNumber()), accountEntry.address(), accountProof)
            .value()
            .orElseThrow();
    Bytes32 root = account.storageRoot();
    List<byte[]> proof = p.proof();
    int n = proof.size();
    UInt256 value = ChainProofs.verifyStorage(root, storage.slot(), proof).value();
    assertTrue(value.value().signum() > 0);
    for (int i = 0; i < n; i++) {
      List<byte[]> flipped = copy(proof);
      flipped.get(i)[flipped.get(i).length - 1] ^= 0x40;
      assertFailure(
          i == 0 ? FailureReason.ROOT_MISMATCH : FailureReason.NODE_HASH_MISMATCH,
          i,
          ChainProofs.verifyStorage(root, storage.slot(), flipped),
          "storage node " + i);
    }
    assertFailure(
        FailureReason.MISSING_NODE,
        n - 1,
        ChainProofs.verifyStorage(root, storage.slot(), proof.subList(0, n - 1)),
        "storage leaf dropped");
    assertFailure(
        FailureReason.ROOT_MISMATCH,
        0,
        ChainProofs.verifyStorage(account.codeHash(), storage.slot(), proof),
        "checked against the wrong root");
  }

  @Test
  void transactionProofMutations() {
    ChainDataFixture data = data("26");
    Map<Long, BlockHeader> headers = FixtureProofsTest.headersByNumber(data);
    ChainDataFixture.TrieEntry tx =
        data.transactions().stream()
            .filter(t -> RlpDecoder.decode(t.key()).asString().asLong() == 2)
            .findFirst()
            .orElseThrow();
    BlockHeader header = headers.get(tx.blockNumber());
    List<byte[]> proof = tx.proof();
    int n = proof.size();
    assertTrue(ChainProofs.verifyTransaction(header, 2, proof).isValid());
    for (int i = 0; i < n; i++) {
      List<byte[]> flipped = copy(proof);
      flipped.get(i)[3] ^= 0x10;
      assertFailure(
          i == 0 ? FailureReason.ROOT_MISMATCH : FailureReason.NODE_HASH_MISMATCH,
          i,
          ChainProofs.verifyTransaction(header, 2, flipped),
          "tx node " + i);
    }
    assertFailure(
        FailureReason.NODE_HASH_MISMATCH,
        n - 1,
        ChainProofs.verifyTransaction(header, 3, proof),
        "the proof of index 2 used for index 3");
    assertFailure(
        FailureReason.ROOT_MISMATCH,
        0,
        ChainProofs.verifyReceipt(header, 2, proof),
        "a transaction proof against the receipts root");
  }

  /** Changing a header field changes its hash and its roots: each dependent check fails. */
  @Test
  void headerMutations() {
    ChainDataFixture data = data("10");
    Map<Long, BlockHeader> headers = FixtureProofsTest.headersByNumber(data);
    ChainDataFixture.BlockProof p = data.accounts().get(0).proofs().get(0);
    BlockHeader header = headers.get(p.blockNumber());
    BlockHeader child = headers.get(p.blockNumber() + 1);
    byte[] rlp = header.rlp();
    // The state root starts after the list prefix (3 bytes), two 33-byte hashes and a 21-byte
    // address, plus its own 1-byte prefix.
    int stateRootOffset = 3 + 33 + 33 + 21 + 1;
    assertEquals(
        header.stateRoot(),
        Bytes32.of(Arrays.copyOfRange(rlp, stateRootOffset, stateRootOffset + 32)));
    rlp[stateRootOffset + 5] ^= 1;
    BlockHeader mutated = BlockHeader.decode(rlp);
    assertTrue(ChainProofs.verifyParent(header, child).isValid());
    assertFailure(
        FailureReason.HEADER_MISMATCH,
        -1,
        ChainProofs.verifyParent(mutated, child),
        "the child no longer links to it");
    assertFailure(
        FailureReason.HEADER_MISMATCH,
        -1,
        ChainProofs.verifyParent(child, header),
        "order reversed");
    assertFailure(
        FailureReason.ROOT_MISMATCH,
        0,
        ChainProofs.verifyAccount(mutated, data.accounts().get(0).address(), p.proof()),
        "account proof against the mutated state root");

    // Malformed headers are rejected with the field named.
    byte[] truncated = Arrays.copyOf(header.rlp(), header.rlpLength() - 1);
    assertEquals(
        RlpException.Kind.TRUNCATED,
        assertThrows(RlpException.class, () -> BlockHeader.decode(truncated)).kind());
    RlpList fields = RlpDecoder.decodeList(header.rlp());
    List<byte[]> items = new ArrayList<>();
    fields.items().forEach(i -> items.add(i.encoded()));
    items.set(3, RlpEncoder.encodeBytes(new byte[31]));
    RlpException shortRoot =
        assertThrows(RlpException.class, () -> BlockHeader.decode(RlpEncoder.encodeList(items)));
    assertEquals(RlpException.Kind.WRONG_LENGTH, shortRoot.kind());
    assertTrue(shortRoot.getMessage().contains("stateRoot"), shortRoot.getMessage());
    items.set(3, fields.get(3).encoded());
    // Cancun plus a requests hash is a Prague header.
    Bytes32 requestsHash = Keccak256.hash(new byte[0]);
    items.add(RlpEncoder.encode(requestsHash));
    BlockHeader prague = BlockHeader.decode(RlpEncoder.encodeList(items));
    assertEquals(HeaderFork.PRAGUE, prague.fork());
    assertEquals(Optional.of(requestsHash), prague.requestsHash());
    assertEquals(header.parentBeaconBlockRoot(), prague.parentBeaconBlockRoot());
    items.add(RlpEncoder.encodeLong(1));
    RlpException count =
        assertThrows(RlpException.class, () -> BlockHeader.decode(RlpEncoder.encodeList(items)));
    assertEquals(RlpException.Kind.WRONG_ITEM_COUNT, count.kind());
  }

  /** Random byte changes in real proofs never verify and never throw. */
  @Test
  void randomProofMutationsNeverVerifyNorThrow() {
    ChainDataFixture data = data("10");
    Map<Long, BlockHeader> headers = FixtureProofsTest.headersByNumber(data);
    ChainDataFixture.AccountEntry account = data.accounts().get(0);
    long seed = 42L;
    Random random = new Random(seed);
    for (int round = 0; round < 3000; round++) {
      ChainDataFixture.BlockProof p = account.proofs().get(random.nextInt(account.proofs().size()));
      List<byte[]> proof = copy(p.proof());
      byte[] node = proof.get(random.nextInt(proof.size()));
      int at = random.nextInt(node.length);
      node[at] = (byte) (node[at] ^ (1 + random.nextInt(255)));
      ProofResult<?> r =
          ChainProofs.verifyAccount(headers.get(p.blockNumber()), account.address(), proof);
      assertFalse(r.isValid(), "seed " + seed + " round " + round);
    }
  }
}
