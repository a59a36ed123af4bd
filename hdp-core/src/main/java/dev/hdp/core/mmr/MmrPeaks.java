package dev.hdp.core.mmr;

import java.util.List;

/**
 * Peaks of an MMR that were checked against its root by {@link Mmr#checkPeaks}; only that method
 * makes them, so holding one means the check passed.
 *
 * @param <H> the node type
 */
public final class MmrPeaks<H> {
  private final long size;
  private final List<H> peaks;
  private final int[] heights;
  private final H root;

  MmrPeaks(long size, List<H> peaks, int[] heights, H root) {
    this.size = size;
    this.peaks = List.copyOf(peaks);
    this.heights = heights.clone();
    this.root = root;
  }

  /** The MMR size (node count). */
  public long size() {
    return size;
  }

  /** The peaks, left (highest) first. */
  public List<H> peaks() {
    return peaks;
  }

  /** The root they were checked against. */
  public H root() {
    return root;
  }

  int[] heights() {
    return heights;
  }
}
