package dev.hdp.cairo.pie;

/** A segment of a PIE: its index and size. */
public record SegmentInfo(int index, long size) {}
