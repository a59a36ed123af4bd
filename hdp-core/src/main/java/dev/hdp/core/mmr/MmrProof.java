package dev.hdp.core.mmr;

import java.util.List;
import java.util.Objects;

/**
 * An inclusion proof of one element in an MMR: the element's 1-based node position and hash, its
 * siblings from the leaf up to its mountain's peak, and the MMR's size and peaks.
 *
 * @param <H> the node type
 */
public record MmrProof<H>(
    long elementPosition, H elementHash, List<H> siblings, List<H> peaks, long mmrSize) {
  /** Copies the lists. */
  public MmrProof {
    Objects.requireNonNull(elementHash, "elementHash");
    siblings = List.copyOf(siblings);
    peaks = List.copyOf(peaks);
  }
}
