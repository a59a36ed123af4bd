package dev.hdp.cairo.pie;

import dev.hdp.cairo.program.StrippedProgram;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metadata.json}: the stripped program and the segment layout of the run.
 *
 * @param builtinSegments keyed by builtin name without the {@code _builtin} suffix, in program
 *     order
 */
public record PieMetadata(
    StrippedProgram program,
    SegmentInfo programSegment,
    SegmentInfo executionSegment,
    SegmentInfo retFpSegment,
    SegmentInfo retPcSegment,
    Map<String, SegmentInfo> builtinSegments,
    List<SegmentInfo> extraSegments) {
  public PieMetadata {
    builtinSegments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builtinSegments));
    extraSegments = List.copyOf(extraSegments);
  }

  /** Every segment's size by index. */
  public long[] segmentSizes() {
    int n = 4 + builtinSegments.size() + extraSegments.size();
    long[] sizes = new long[n];
    java.util.Arrays.fill(sizes, -1);
    put(sizes, programSegment);
    put(sizes, executionSegment);
    put(sizes, retFpSegment);
    put(sizes, retPcSegment);
    builtinSegments.values().forEach(s -> put(sizes, s));
    extraSegments.forEach(s -> put(sizes, s));
    return sizes;
  }

  private static void put(long[] sizes, SegmentInfo s) {
    if (s.index() < 0 || s.index() >= sizes.length) {
      throw new PieFormatException(
          "segment index " + s.index() + " is out of range [0, " + sizes.length + ")");
    }
    if (sizes[s.index()] != -1) {
      throw new PieFormatException("segment index " + s.index() + " is used twice");
    }
    sizes[s.index()] = s.size();
  }
}
