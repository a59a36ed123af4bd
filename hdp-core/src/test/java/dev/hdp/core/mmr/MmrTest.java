package dev.hdp.core.mmr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.chain.FixtureProofsTest;
import dev.hdp.core.proof.FailureReason;
import dev.hdp.core.proof.ProofResult;
import dev.hdp.fixtures.SharedFixtures;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MmrTest {
  @Test
  void positionArithmetic() {
    // Heights of positions 1..15: 0 0 1 0 0 1 2 0 0 1 0 0 1 2 3
    int[] heights = {0, 0, 1, 0, 0, 1, 2, 0, 0, 1, 0, 0, 1, 2, 3};
    for (int p = 1; p <= heights.length; p++) {
      assertEquals(heights[p - 1], MmrPositions.height(p), "position " + p);
    }
    assertEquals(List.of(7L, 10L, 11L), MmrPositions.peakPositions(11));
    assertEquals(List.of(), MmrPositions.peakPositions(0));
    for (long size : new long[] {2, 5, 6, 9, 12, 13, 14}) {
      assertFalse(MmrPositions.isValidSize(size), "size " + size);
    }
    for (long leaves = 0; leaves < 2000; leaves++) {
      long size = MmrPositions.sizeForLeafCount(leaves);
      assertTrue(MmrPositions.isValidSize(size));
      assertEquals(leaves, MmrPositions.leafCount(size));
      assertEquals(Long.bitCount(leaves), MmrPositions.peakPositions(size).size());
      assertEquals(0, MmrPositions.height(MmrPositions.leafPosition(leaves)));
    }
  }

  /** The Keccak MMR by hand for three leaves: peaks [k(l1‖l2), l3], root k(be32(4) ‖ k(p0‖p1)). */
  @Test
  void keccakMmrOfThreeLeavesByHand() {
    Bytes32 l1 = Keccak256.hash(new byte[] {1});
    Bytes32 l2 = Keccak256.hash(new byte[] {2});
    Bytes32 l3 = Keccak256.hash(new byte[] {3});
    Mmr<Bytes32> mmr = KeccakMmr.create();
    assertEquals(1, mmr.append(l1));
    assertEquals(2, mmr.append(l2));
    assertEquals(4, mmr.append(l3));
    assertEquals(4, mmr.size());
    Bytes32 p0 = Keccak256.hash(l1.toArray(), l2.toArray());
    assertEquals(List.of(p0, l3), mmr.peaks());
    Bytes32 bag = Keccak256.hash(p0.toArray(), l3.toArray());
    Bytes32 expected =
        Keccak256.hash(Bytes32.fromBigInteger(BigInteger.valueOf(4)).toArray(), bag.toArray());
    assertEquals(expected, mmr.root());
    assertEquals(
        Keccak256.hash(new byte[32], new byte[32]), KeccakMmr.create().root(), "empty MMR root");
  }

  @Test
  void everyLeafProvesAtEverySize() {
    Mmr<Bytes32> mmr = KeccakMmr.create();
    List<Long> positions = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      positions.add(mmr.append(Keccak256.hash(new byte[] {(byte) i})));
      Bytes32 root = mmr.root();
      for (long p : positions) {
        ProofResult<Bytes32> r = Mmr.verify(KeccakMmr.HASHER, mmr.proof(p), root);
        assertTrue(r.isValid(), () -> "leaf " + p + " of " + mmr.size() + ": " + r);
      }
    }
    MmrProof<Bytes32> proof = mmr.proof(positions.get(33));
    MmrProof<Bytes32> forged =
        new MmrProof<>(
            proof.elementPosition(),
            Keccak256.hash(new byte[] {99}),
            proof.siblings(),
            proof.peaks(),
            proof.mmrSize());
    assertEquals(
        FailureReason.PEAK_MISMATCH,
        Mmr.verify(KeccakMmr.HASHER, forged, mmr.root()).failure().reason());
  }

  /** Block hashes of real fixture headers in a Keccak MMR: each header proves by its RLP. */
  @Test
  void keccakMmrOfFixtureHeaders() {
    var data = FixtureProofsTest.fixture(SharedFixtures.resolve("hdp-sepolia/19"));
    Mmr<Bytes32> mmr = KeccakMmr.create();
    List<Long> positions = new ArrayList<>();
    for (var h : data.headers()) {
      positions.add(mmr.append(Keccak256.hash(h.rlp())));
    }
    MmrPeaks<Bytes32> peaks =
        Mmr.checkPeaks(KeccakMmr.HASHER, mmr.size(), mmr.peaks(), mmr.root()).value();
    for (int i = 0; i < positions.size(); i++) {
      byte[] rlp = data.headers().get(i).rlp();
      MmrProof<Bytes32> proof = mmr.proof(positions.get(i));
      assertTrue(KeccakMmr.verifyHeader(rlp, positions.get(i), proof.siblings(), peaks).isValid());
    }
    byte[] other = data.headers().get(1).rlp();
    assertEquals(
        FailureReason.PEAK_MISMATCH,
        KeccakMmr.verifyHeader(
                other, positions.get(0), mmr.proof(positions.get(0)).siblings(), peaks)
            .failure()
            .reason());
  }

  @Test
  void poseidonMmrAppendsTheSameWayAndItsProofsVerify() {
    Mmr<Felt252> mmr = PoseidonMmr.create();
    for (int i = 1; i <= 19; i++) {
      mmr.append(Felt252.of(i));
    }
    assertEquals(MmrPositions.sizeForLeafCount(19), mmr.size());
    Felt252 bag = mmr.peaks().get(mmr.peaks().size() - 1);
    for (int i = mmr.peaks().size() - 2; i >= 0; i--) {
      bag = PoseidonMmr.HASHER.parent(mmr.peaks().get(i), bag);
    }
    assertEquals(PoseidonMmr.HASHER.root(mmr.size(), bag), mmr.root());
    long lastLeaf = MmrPositions.leafPosition(18);
    assertTrue(Mmr.verify(PoseidonMmr.HASHER, mmr.proof(lastLeaf), mmr.root()).isValid());
    assertTrue(Mmr.verify(PoseidonMmr.HASHER, mmr.proof(1), mmr.root()).isValid());
  }
}
