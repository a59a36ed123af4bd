package dev.hdp.cairo.program;

/** The compiler's knowledge of ap at a pc: ap = (ap at the start of {@code group}) + offset. */
public record ApTracking(int group, int offset) {}
