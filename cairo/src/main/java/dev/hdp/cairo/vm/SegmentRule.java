package dev.hdp.cairo.vm;

/**
 * What a builtin adds to its memory segment: a check on each written cell and a way to deduce a
 * cell that a instruction reads before anyone wrote it.
 */
public interface SegmentRule {
  /** Checks the cell just written at {@code offset}; throws {@link VmException} if invalid. */
  default void validate(Memory memory, int segment, long offset) {}

  /**
   * Deduces the cell at {@code offset} into {@code out}, returning false when it cannot be deduced
   * (yet).
   */
  default boolean deduce(Memory memory, int segment, long offset, Word out) {
    return false;
  }
}
