package dev.hdp.cairo.vm;

/**
 * An address: an offset inside a memory segment. Negative segment indices are temporary segments
 * that relocation rules later map into real ones.
 */
public record Relocatable(int segment, long offset)
    implements MaybeRelocatable, Comparable<Relocatable> {

  /** This address moved by {@code delta} cells. */
  public Relocatable add(long delta) {
    return new Relocatable(segment, offset + delta);
  }

  /** The distance from {@code other}, which must be in the same segment. */
  public long sub(Relocatable other) {
    if (other.segment != segment) {
      throw new VmException("cannot subtract " + other + " from " + this + ": different segments");
    }
    return offset - other.offset;
  }

  @Override
  public int compareTo(Relocatable o) {
    int c = Integer.compare(segment, o.segment);
    return c != 0 ? c : Long.compare(offset, o.offset);
  }

  @Override
  public String toString() {
    return segment + ":" + offset;
  }
}
