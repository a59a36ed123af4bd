package dev.hdp.core.mmr;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.crypto.Poseidon;
import dev.hdp.core.cairo.FeltChunks;
import dev.hdp.core.proof.FailureReason;
import dev.hdp.core.proof.ProofResult;
import java.util.List;

/**
 * The Herodotus header MMR (hdp.md §6.4): leaf = {@code poseidon_hash_many} over the header RLP as
 * u64 little-endian felts, parent = {@code poseidon(left, right)}, peaks bagged right to left with
 * the same function, root = {@code poseidon(size, bag)}; the bag of an empty MMR is zero.
 */
public final class PoseidonMmr {
  /** The Poseidon hashing of this MMR. */
  public static final MmrHasher<Felt252> HASHER =
      new MmrHasher<>() {
        @Override
        public Felt252 parent(Felt252 left, Felt252 right) {
          return Poseidon.hash(left, right);
        }

        @Override
        public Felt252 root(long size, Felt252 bag) {
          return Poseidon.hash(Felt252.of(size), bag);
        }

        @Override
        public Felt252 emptyBag() {
          return Felt252.ZERO;
        }
      };

  private PoseidonMmr() {}

  /** An empty Poseidon MMR. */
  public static Mmr<Felt252> create() {
    return new Mmr<>(HASHER);
  }

  /** The MMR leaf of a block header: Poseidon over its RLP's u64 little-endian chunks. */
  public static Felt252 headerLeaf(byte[] headerRlp) {
    long[] chunks = FeltChunks.toChunks(headerRlp);
    Felt252[] felts = new Felt252[chunks.length];
    for (int i = 0; i < chunks.length; i++) {
      felts[i] = Felt252.ofUnsigned(chunks[i]);
    }
    return Poseidon.hashMany(felts);
  }

  /**
   * Checks that a header is in the MMR with this root: the header's leaf hash walked along {@code
   * path} from {@code leafPosition} reaches the peak of its mountain, and the peaks bagged with the
   * size give the root (the form the indexer and HDP's Cairo input use: {@code leaf_idx}, {@code
   * mmr_path}, MMR meta).
   *
   * @return the header's leaf hash, or the failure
   */
  public static ProofResult<Felt252> verifyHeader(
      byte[] headerRlp,
      long leafPosition,
      List<Felt252> path,
      List<Felt252> peaks,
      long mmrSize,
      Felt252 root) {
    return Mmr.verify(
        HASHER, new MmrProof<>(leafPosition, headerLeaf(headerRlp), path, peaks, mmrSize), root);
  }

  /**
   * Checks a header's path into peaks already checked against the root ({@link Mmr#checkPeaks}),
   * for verifying many headers of one MMR state.
   */
  public static ProofResult<Felt252> verifyHeader(
      byte[] headerRlp, long leafPosition, List<Felt252> path, MmrPeaks<Felt252> peaks) {
    return Mmr.verifyPath(HASHER, peaks, leafPosition, headerLeaf(headerRlp), path);
  }

  /**
   * Like {@link #verifyHeader(byte[], long, List, List, long, Felt252)}, also checking that the
   * leaf hash the indexer claims for the header ({@code element_hash}) is the header's.
   */
  public static ProofResult<Felt252> verifyHeader(
      byte[] headerRlp,
      Felt252 claimedLeaf,
      long leafPosition,
      List<Felt252> path,
      List<Felt252> peaks,
      long mmrSize,
      Felt252 root) {
    Felt252 leaf = headerLeaf(headerRlp);
    if (!leaf.equals(claimedLeaf)) {
      return ProofResult.invalid(
          FailureReason.ELEMENT_HASH_MISMATCH,
          -1,
          "the header's leaf hash is " + leaf + ", the proof claims " + claimedLeaf);
    }
    return Mmr.verify(HASHER, new MmrProof<>(leafPosition, leaf, path, peaks, mmrSize), root);
  }
}
