package dev.hdp.core.mmr;

import dev.hdp.core.proof.FailureReason;
import dev.hdp.core.proof.ProofResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An append-only, in-memory Merkle Mountain Range over any hash (see {@link KeccakMmr} and {@link
 * PoseidonMmr}), with the static proof check that needs only the proof and the root.
 *
 * @param <H> the node type
 */
public final class Mmr<H> {
  private final MmrHasher<H> hasher;
  private final List<H> nodes = new ArrayList<>(); // node at position p is nodes[p - 1]

  /** An empty MMR. */
  public Mmr(MmrHasher<H> hasher) {
    this.hasher = Objects.requireNonNull(hasher, "hasher");
  }

  /**
   * Appends a leaf and the parents it completes.
   *
   * @return the leaf's 1-based node position
   */
  public long append(H leaf) {
    Objects.requireNonNull(leaf, "leaf");
    long leafPosition = nodes.size() + 1L;
    nodes.add(leaf);
    long pos = leafPosition;
    int h = 0;
    H current = leaf;
    while (MmrPositions.height(pos + 1) > h) {
      long leftPosition = pos + 1 - (1L << (h + 1));
      current = hasher.parent(node(leftPosition), current);
      nodes.add(current);
      pos++;
      h++;
    }
    return leafPosition;
  }

  /** The number of nodes (the "MMR size" of HDP's metadata). */
  public long size() {
    return nodes.size();
  }

  /** The number of leaves. */
  public long leafCount() {
    return MmrPositions.leafCount(size());
  }

  /** The node at a 1-based position. */
  public H node(long position) {
    if (position < 1 || position > nodes.size()) {
      throw new IndexOutOfBoundsException("no MMR node at position " + position);
    }
    return nodes.get((int) (position - 1));
  }

  /** The peaks, left (highest) first. */
  public List<H> peaks() {
    List<H> peaks = new ArrayList<>();
    for (long p : MmrPositions.peakPositions(size())) {
      peaks.add(node(p));
    }
    return peaks;
  }

  /** The root: {@code hasher.root(size, bag(peaks))}. */
  public H root() {
    return root(hasher, size(), peaks());
  }

  /** The inclusion proof of the leaf at 1-based position {@code position}. */
  public MmrProof<H> proof(long position) {
    if (position < 1 || position > size() || MmrPositions.height(position) != 0) {
      throw new IllegalArgumentException("no leaf at MMR position " + position);
    }
    List<Long> peakPositions = MmrPositions.peakPositions(size());
    List<H> siblings = new ArrayList<>();
    long pos = position;
    int h = 0;
    while (!peakPositions.contains(pos)) {
      if (MmrPositions.height(pos + 1) == h + 1) {
        siblings.add(node(pos - MmrPositions.mountainSize(h)));
        pos = pos + 1;
      } else {
        long sibling = pos + MmrPositions.mountainSize(h);
        siblings.add(node(sibling));
        pos = sibling + 1;
      }
      h++;
    }
    return new MmrProof<>(position, node(position), siblings, peaks(), size());
  }

  /** Bags the peaks right to left: {@code parent(p0, parent(p1, … parent(p(n-2), p(n-1))))}. */
  public static <H> H bagPeaks(MmrHasher<H> hasher, List<H> peaks) {
    if (peaks.isEmpty()) {
      return hasher.emptyBag();
    }
    H bag = peaks.get(peaks.size() - 1);
    for (int i = peaks.size() - 2; i >= 0; i--) {
      bag = hasher.parent(peaks.get(i), bag);
    }
    return bag;
  }

  /** The root of an MMR of {@code size} nodes with these peaks. */
  public static <H> H root(MmrHasher<H> hasher, long size, List<H> peaks) {
    return hasher.root(size, bagPeaks(hasher, peaks));
  }

  /**
   * Checks an inclusion proof against a root: the size is an MMR size, the peaks are as many as the
   * size implies and bag to the root ({@link #checkPeaks}), and the path leads from the element to
   * its mountain's peak ({@link #verifyPath}).
   *
   * @return the element hash, or the failure
   */
  public static <H> ProofResult<H> verify(MmrHasher<H> hasher, MmrProof<H> proof, H expectedRoot) {
    return checkPeaks(hasher, proof.mmrSize(), proof.peaks(), expectedRoot)
        .flatMap(
            peaks ->
                verifyPath(
                    hasher, peaks, proof.elementPosition(), proof.elementHash(), proof.siblings()));
  }

  /**
   * Checks peaks against a root once, for checking many element paths into them (the headers of one
   * batch share one MMR state).
   *
   * @return the checked peaks, or {@code INVALID_MMR_SIZE}, {@code PEAK_COUNT_MISMATCH} or {@code
   *     MMR_ROOT_MISMATCH}
   */
  public static <H> ProofResult<MmrPeaks<H>> checkPeaks(
      MmrHasher<H> hasher, long size, List<H> peaks, H expectedRoot) {
    int[] heights = MmrPositions.peakHeights(size);
    if (heights == null || size == 0) {
      return ProofResult.invalid(
          FailureReason.INVALID_MMR_SIZE, -1, size + " is not the size of a non-empty MMR");
    }
    if (peaks.size() != heights.length) {
      return ProofResult.invalid(
          FailureReason.PEAK_COUNT_MISMATCH,
          -1,
          peaks.size() + " peaks, but an MMR of size " + size + " has " + heights.length);
    }
    H root = root(hasher, size, peaks);
    if (!root.equals(expectedRoot)) {
      return ProofResult.invalid(
          FailureReason.MMR_ROOT_MISMATCH,
          -1,
          "the peaks bagged with size " + size + " give " + root + ", expected " + expectedRoot);
    }
    return ProofResult.valid(new MmrPeaks<>(size, peaks, heights, expectedRoot));
  }

  /**
   * Checks that walking {@code siblings} from the leaf at {@code position} (hdp.md §6.4: a right
   * child when the next position is one higher) ends at the peak of the leaf's mountain.
   *
   * @return the element hash, or {@code INVALID_ELEMENT_POSITION}, {@code WRONG_PATH_LENGTH} or
   *     {@code PEAK_MISMATCH} (with the last step's index)
   */
  public static <H> ProofResult<H> verifyPath(
      MmrHasher<H> hasher, MmrPeaks<H> peaks, long position, H element, List<H> siblings) {
    long size = peaks.size();
    if (position < 1 || position > size) {
      return ProofResult.invalid(
          FailureReason.INVALID_ELEMENT_POSITION,
          -1,
          "element position " + position + " is outside the MMR of size " + size);
    }
    if (MmrPositions.height(position) != 0) {
      return ProofResult.invalid(
          FailureReason.INVALID_ELEMENT_POSITION,
          -1,
          "element position " + position + " is not a leaf");
    }
    int[] heights = peaks.heights();
    int mountain = 0;
    long mountainEnd = MmrPositions.mountainSize(heights[0]);
    while (position > mountainEnd) {
      mountain++;
      mountainEnd += MmrPositions.mountainSize(heights[mountain]);
    }
    if (siblings.size() != heights[mountain]) {
      return ProofResult.invalid(
          FailureReason.WRONG_PATH_LENGTH,
          -1,
          siblings.size()
              + " siblings, but the element's mountain (peak "
              + mountain
              + ") has height "
              + heights[mountain]);
    }
    H node = element;
    long pos = position;
    int h = 0;
    for (H sibling : siblings) {
      if (MmrPositions.height(pos + 1) == h + 1) {
        node = hasher.parent(sibling, node);
        pos = pos + 1;
      } else {
        node = hasher.parent(node, sibling);
        pos = pos + (1L << (h + 1));
      }
      h++;
    }
    H peak = peaks.peaks().get(mountain);
    if (pos != mountainEnd || !node.equals(peak)) {
      return ProofResult.invalid(
          FailureReason.PEAK_MISMATCH,
          siblings.size() - 1,
          "the path ends at position "
              + pos
              + " with "
              + node
              + ", but peak "
              + mountain
              + " at position "
              + mountainEnd
              + " is "
              + peak);
    }
    return ProofResult.valid(element);
  }
}
