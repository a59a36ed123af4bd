package dev.hdp.cairo.program;

/**
 * An entry of the reference manager: a reference expression such as {@code [cast(fp + (-3),
 * felt*)]}, valid from {@code pc} with the given ap tracking.
 */
public record ReferenceSpec(int pc, String value, ApTracking apTracking) {}
