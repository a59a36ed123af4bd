package dev.hdp.core.mmr;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.proof.ProofResult;
import java.math.BigInteger;
import java.util.List;

/**
 * The Keccak MMR of block hashes for our own on-chain headers accumulator: leaf = block hash,
 * parent = {@code keccak256(left || right)}, peaks bagged right to left with the same function,
 * root = {@code keccak256(uint256(size) || bag)}; the bag of an empty MMR is zero. The Solidity
 * accumulator must compute exactly this.
 */
public final class KeccakMmr {
  /** The Keccak hashing of this MMR. */
  public static final MmrHasher<Bytes32> HASHER =
      new MmrHasher<>() {
        @Override
        public Bytes32 parent(Bytes32 left, Bytes32 right) {
          return Keccak256.hash(left.toArray(), right.toArray());
        }

        @Override
        public Bytes32 root(long size, Bytes32 bag) {
          return Keccak256.hash(
              Bytes32.fromBigInteger(BigInteger.valueOf(size)).toArray(), bag.toArray());
        }

        @Override
        public Bytes32 emptyBag() {
          return Bytes32.ZERO;
        }
      };

  private KeccakMmr() {}

  /** An empty Keccak MMR. */
  public static Mmr<Bytes32> create() {
    return new Mmr<>(HASHER);
  }

  /**
   * Checks that a header is in the MMR: its leaf is the block hash, keccak256 of the RLP.
   *
   * @return the block hash, or the failure
   */
  public static ProofResult<Bytes32> verifyHeader(
      byte[] headerRlp, long leafPosition, List<Bytes32> path, MmrPeaks<Bytes32> peaks) {
    return Mmr.verifyPath(HASHER, peaks, leafPosition, Keccak256.hash(headerRlp), path);
  }
}
