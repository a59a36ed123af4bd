package dev.hdp.core.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StandardMerkleTreeTest {
  private static final List<Bytes32> V9_LEAVES =
      List.of(b(0x01), b(0x02), b(0x7a), b(0x04), b(0x01));
  private static final List<String> V9_ROOTS =
      List.of(
          "0xb5d9d894133a730aa651ef62d26b0ffa846233c74177a591a4a896adfda97d22",
          "0xe685571b7e25a4a0391fb8daa09dc8d3fbb3382504525f89a2334fbbf8f8e92c",
          "0x22a9fa23ace0a643334709a15031f455653508baac1e2f3aeb34494420d3926d",
          "0x04a658c32b0f14901050b3649930b07ccb19e12ee6121c59fae29dbd2639d643",
          "0x76a558f4880fd37907a3c306516dcb3e680616d84e8950d8050923bdd6ee51a7");

  @Test
  void v9RootsOfOneToFiveUnsortedLeaves() {
    for (int n = 1; n <= 5; n++) {
      var tree = StandardMerkleTree.of(V9_LEAVES.subList(0, n));
      assertEquals(V9_ROOTS.get(n - 1), tree.root().toHex(), "root of first " + n);
    }
  }

  @Test
  void v9EveryProofVerifiesAndWrongOnesDoNot() {
    for (int n = 1; n <= 5; n++) {
      var tree = StandardMerkleTree.of(V9_LEAVES.subList(0, n));
      for (int i = 0; i < n; i++) {
        List<Bytes32> proof = tree.proof(i);
        assertTrue(StandardMerkleTree.verify(tree.root(), V9_LEAVES.get(i), proof), n + "/" + i);
        assertFalse(StandardMerkleTree.verify(tree.root(), b(0x99), proof));
        if (!proof.isEmpty()) {
          List<Bytes32> bad = new ArrayList<>(proof);
          bad.set(0, b(0x55));
          assertFalse(StandardMerkleTree.verify(tree.root(), V9_LEAVES.get(i), bad));
        }
      }
    }
  }

  @Test
  void v9ResultCommitmentAndResultsRoot() {
    Bytes32 rc = BatchTrees.resultCommitment(Bytes32.ZERO, UInt256.of(10));
    assertEquals("0x13da86008ba1c6922daee3e07db95305ef49ebced9f5467a0b8613fcc6b343e3", rc.toHex());
    var trees = BatchTrees.of(List.of(Bytes32.ZERO), List.of(UInt256.of(10)));
    assertEquals(
        "0xdeddf91dc7d95dba2b7698201b4571eaa5bfec0a9ff4276e836f98e3a40a77e9",
        trees.resultsRoot().toHex());
  }

  @Test
  void leavesAreNotSorted() {
    var a = StandardMerkleTree.of(List.of(b(1), b(2), b(3)));
    var c = StandardMerkleTree.of(List.of(b(3), b(2), b(1)));
    assertFalse(a.root().equals(c.root()));
  }

  @Test
  void emptyTreeHasCairosRoot() {
    var tree = StandardMerkleTree.of(List.of());
    assertEquals(
        "0xbc36789e7a1e281436464229828f817d6612f7b477d66591ff96a9e064bcc98a", tree.root().toHex());
    assertThrows(IndexOutOfBoundsException.class, () -> tree.proof(0));
  }

  @Test
  void proofsOfRandomTreesVerify() {
    long seed = 20261121L;
    Random random = new Random(seed);
    for (int n = 1; n <= 40; n++) {
      List<Bytes32> values = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] v = new byte[32];
        random.nextBytes(v);
        values.add(Bytes32.of(v));
      }
      var tree = StandardMerkleTree.of(values);
      for (int i = 0; i < n; i++) {
        assertTrue(
            StandardMerkleTree.verify(tree.root(), values.get(i), tree.proof(i)),
            "seed " + seed + " n " + n + " i " + i);
      }
    }
  }

  @Test
  void duplicateValuesGetTheProofOfTheLastCopyAsHdpDoes() {
    var tree = StandardMerkleTree.of(List.of(b(7), b(8), b(7)));
    assertEquals(tree.proof(2), tree.proofOfValue(b(7)));
    assertTrue(StandardMerkleTree.verify(tree.root(), b(7), tree.proof(0)));
    assertThrows(IllegalArgumentException.class, () -> tree.proofOfValue(b(9)));
  }

  private static Bytes32 b(int value) {
    return UInt256.of(value).toBytes32();
  }
}
