package dev.hdp.core.trie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.proof.FailureReason;
import dev.hdp.core.proof.ProofResult;
import dev.hdp.core.rlp.RlpEncoder;
import dev.hdp.core.rlp.RlpString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hand-made nodes whose hash is taken as the root, so that each structural rule is what fails, at
 * node 0, with its own message.
 */
class MerklePatriciaProofTest {
  private static final byte[] EMPTY = RlpEncoder.encodeBytes(new byte[0]);

  private static ProofResult<Optional<RlpString>> verifyRoot(byte[] node, byte[] key) {
    return MerklePatriciaProof.verify(Keccak256.hash(node), key, List.of(node));
  }

  private static byte[] leaf(byte[] hexPrefixPath, byte[] value) {
    return RlpEncoder.encodeList(
        RlpEncoder.encodeBytes(hexPrefixPath), RlpEncoder.encodeBytes(value));
  }

  private static byte[] branch(int slot, byte[] child) {
    List<byte[]> items = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      items.add(i == slot ? child : EMPTY);
    }
    items.add(EMPTY);
    return RlpEncoder.encodeList(items);
  }

  private static void assertMalformed(ProofResult<?> r, String messagePart) {
    assertFalse(r.isValid());
    assertEquals(FailureReason.MALFORMED_NODE, r.failure().reason(), r.failure().toString());
    assertEquals(0, r.failure().index());
    assertTrue(r.failure().message().contains(messagePart), r.failure().message());
  }

  @Test
  void structuralRules() {
    byte[] key = {0x12, 0x34};
    assertMalformed(
        verifyRoot(RlpEncoder.encodeList(EMPTY, EMPTY, EMPTY), key), "node with 3 items");
    assertMalformed(verifyRoot(leaf(new byte[] {0x40, 0x12}, new byte[] {1}), key), "hex-prefix");
    assertMalformed(verifyRoot(leaf(new byte[] {0x25, 0x12}, new byte[] {1}), key), "hex-prefix");
    assertMalformed(
        verifyRoot(leaf(new byte[] {0x20, 0x12, 0x34}, new byte[0]), key), "empty value");
    assertMalformed(
        verifyRoot(
            RlpEncoder.encodeList(RlpEncoder.encodeBytes(new byte[] {0x00}), branch(1, EMPTY)),
            key),
        "extension with an empty path");
    assertMalformed(
        verifyRoot(branch(1, RlpEncoder.encodeBytes(new byte[31])), key), "child reference of 31");
    byte[] bigEmbedded = leaf(new byte[] {0x32}, new byte[30]);
    assertTrue(bigEmbedded.length >= 32);
    assertMalformed(verifyRoot(branch(1, bigEmbedded), key), "embedded node of");
    assertMalformed(verifyRoot(RlpEncoder.encodeBytes(new byte[] {1, 2}), key), "non-empty string");
    assertMalformed(
        verifyRoot(RlpEncoder.encodeList(RlpEncoder.encodeList(), EMPTY), key), "path is a list");
    byte[] notCanonical = {(byte) 0xc2, (byte) 0x81, 0x01};
    assertMalformed(verifyRoot(notCanonical, key), "single byte");
  }

  @Test
  void presenceAndAbsenceThroughEmbeddedNodes() {
    byte[] key = {0x12, 0x34};
    // A branch holding, under nibble 1, an embedded leaf for the rest of the key (odd path 2,3,4).
    byte[] embedded = leaf(new byte[] {0x32, 0x34}, new byte[] {7});
    assertTrue(embedded.length < 32);
    byte[] root = branch(1, embedded);
    assertEquals(7, verifyRoot(root, key).value().orElseThrow().byteAt(0));
    assertEquals(Optional.empty(), verifyRoot(root, new byte[] {0x12, 0x35}).value());
    assertEquals(Optional.empty(), verifyRoot(root, new byte[] {0x22, 0x34}).value());
    assertEquals(Optional.empty(), verifyRoot(root, new byte[] {0x12}).value());
    // An extension 1,2 whose key ends inside it, or leaves it, proves absence.
    byte[] extension =
        RlpEncoder.encodeList(
            RlpEncoder.encodeBytes(new byte[] {0x00, 0x12}),
            branch(3, leaf(new byte[] {0x34}, new byte[] {9})));
    assertEquals(9, verifyRoot(extension, key).value().orElseThrow().byteAt(0));
    assertEquals(Optional.empty(), verifyRoot(extension, new byte[] {0x13, 0x34}).value());
    assertEquals(Optional.empty(), verifyRoot(extension, new byte[] {0x1f}).value());
    // The empty trie: root keccak(0x80) with the node 0x80, or with no node at all.
    assertEquals(Optional.empty(), verifyRoot(EMPTY, key).value());
    ProofResult<Optional<RlpString>> wrong =
        MerklePatriciaProof.verify(Keccak256.hash(new byte[] {1}), key, List.of());
    assertEquals(FailureReason.EMPTY_PROOF, wrong.failure().reason());
  }
}
