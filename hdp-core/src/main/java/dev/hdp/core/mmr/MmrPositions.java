package dev.hdp.core.mmr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Position arithmetic of an MMR with 1-based node positions in post-order: leaves and parents are
 * numbered in the order they are appended, e.g. 1, 2 are leaves, 3 their parent, 4, 5 leaves, 6
 * their parent, 7 the parent of 3 and 6.
 */
public final class MmrPositions {
  private MmrPositions() {}

  /** The height of the node at {@code position} (leaves 0). */
  public static int height(long position) {
    requirePosition(position);
    long pos = position;
    while (!allOnes(pos)) {
      pos -= (Long.highestOneBit(pos)) - 1; // jump to the same height in the left mountain
    }
    return 63 - Long.numberOfLeadingZeros(pos);
  }

  /** Whether {@code size} is the node count of some MMR (a sum of distinct-height mountains). */
  public static boolean isValidSize(long size) {
    return size >= 0 && peakHeights(size) != null;
  }

  /** The positions of the peaks of an MMR of {@code size} nodes, left (highest) first. */
  public static List<Long> peakPositions(long size) {
    int[] heights = peakHeights(size);
    if (heights == null) {
      throw new IllegalArgumentException("not an MMR size: " + size);
    }
    List<Long> peaks = new ArrayList<>(heights.length);
    long offset = 0;
    for (int h : heights) {
      offset += mountainSize(h);
      peaks.add(offset);
    }
    return peaks;
  }

  /** The node count of an MMR with {@code leafCount} leaves. */
  public static long sizeForLeafCount(long leafCount) {
    if (leafCount < 0) {
      throw new IllegalArgumentException("negative leaf count " + leafCount);
    }
    return 2 * leafCount - Long.bitCount(leafCount);
  }

  /** The number of leaves of an MMR of {@code size} nodes. */
  public static long leafCount(long size) {
    long leaves = 0;
    for (int h : heightsOrThrow(size)) {
      leaves += 1L << h;
    }
    return leaves;
  }

  /** The 1-based position of the leaf with 0-based index {@code leafIndex}. */
  public static long leafPosition(long leafIndex) {
    if (leafIndex < 0) {
      throw new IllegalArgumentException("negative leaf index " + leafIndex);
    }
    return sizeForLeafCount(leafIndex) + 1;
  }

  /** The node count of a perfect mountain of height {@code height}. */
  static long mountainSize(int height) {
    return (1L << (height + 1)) - 1;
  }

  /** Peak heights, highest first, or null when {@code size} is not an MMR size. */
  static int[] peakHeights(long size) {
    if (size < 0 || size >= 1L << 62) {
      return null;
    }
    int[] heights = new int[64];
    int count = 0;
    long remaining = size;
    int previous = Integer.MAX_VALUE;
    while (remaining > 0) {
      int h = 63 - Long.numberOfLeadingZeros(remaining + 1) - 1;
      if (h >= previous) {
        return null;
      }
      heights[count++] = h;
      remaining -= mountainSize(h);
      previous = h;
    }
    return Arrays.copyOf(heights, count);
  }

  private static int[] heightsOrThrow(long size) {
    int[] heights = peakHeights(size);
    if (heights == null) {
      throw new IllegalArgumentException("not an MMR size: " + size);
    }
    return heights;
  }

  private static boolean allOnes(long x) {
    return (x & (x + 1)) == 0;
  }

  private static void requirePosition(long position) {
    if (position < 1) {
      throw new IllegalArgumentException("MMR positions start at 1: " + position);
    }
  }
}
