package dev.hdp.cairo.vm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Write-once segmented memory. Each segment stores four limbs per cell in one {@code long[]} and a
 * flag byte per cell (kind, accessed), so cells are never boxed. Temporary segments have negative
 * indices; {@link #relocateTemporarySegments()} moves them where the relocation rules say.
 */
public final class Memory {
  static final byte KIND_MASK = 3;
  static final byte ACCESSED = 4;

  static final int PAGE_BITS = 12;
  static final int PAGE_SIZE = 1 << PAGE_BITS;
  static final int PAGE_MASK = PAGE_SIZE - 1;

  /**
   * One segment's storage, in pages of 4096 cells so that growing never copies (and large runs do
   * not allocate huge arrays).
   */
  static final class Segment {
    long[][] limbPages = new long[4][];
    byte[][] flagPages = new byte[4][];

    /** One past the highest written offset. */
    int used;

    /** The size fixed by {@code finalize}, or -1. */
    long finalizedSize = -1;

    SegmentRule rule;

    /** The page holding {@code offset}, created if needed. */
    void ensure(long offset) {
      if (offset >= Integer.MAX_VALUE / 8) {
        throw new VmException("segment offset " + offset + " is too large");
      }
      int page = (int) (offset >>> PAGE_BITS);
      if (page >= flagPages.length) {
        int n = Math.max(flagPages.length * 2, page + 1);
        flagPages = java.util.Arrays.copyOf(flagPages, n);
        limbPages = java.util.Arrays.copyOf(limbPages, n);
      }
      if (flagPages[page] == null) {
        flagPages[page] = new byte[PAGE_SIZE];
        limbPages[page] = new long[PAGE_SIZE * 4];
      }
    }

    byte flag(int offset) {
      int page = offset >>> PAGE_BITS;
      if (page >= flagPages.length) {
        return 0;
      }
      byte[] f = flagPages[page];
      return f == null ? 0 : f[offset & PAGE_MASK];
    }
  }

  Segment[] segments = new Segment[8];
  int nSegments;
  final List<Segment> temps = new ArrayList<>();
  private final Map<Integer, Relocatable> relocationRules = new HashMap<>();

  /** Adds a segment and returns its base. */
  public Relocatable addSegment() {
    if (nSegments == segments.length) {
      segments = java.util.Arrays.copyOf(segments, nSegments * 2);
    }
    segments[nSegments] = new Segment();
    return new Relocatable(nSegments++, 0);
  }

  /** Adds a temporary segment (negative index) and returns its base. */
  public Relocatable addTemporarySegment() {
    temps.add(new Segment());
    return new Relocatable(-temps.size(), 0);
  }

  public int segmentCount() {
    return nSegments;
  }

  public int temporarySegmentCount() {
    return temps.size();
  }

  Segment segment(int index) {
    if (index >= 0) {
      if (index >= nSegments) {
        throw new VmException("segment " + index + " does not exist");
      }
      return segments[index];
    }
    int t = -index - 1;
    if (t >= temps.size()) {
      throw new VmException("temporary segment " + index + " does not exist");
    }
    return temps.get(t);
  }

  /** Sets the rule (validation and deduction) of a segment. */
  public void setRule(int segment, SegmentRule rule) {
    segment(segment).rule = rule;
  }

  public SegmentRule rule(int segment) {
    return segment(segment).rule;
  }

  /** Reads a cell into {@code out}; returns false (and kind NONE) when it is empty. */
  public boolean load(int segIndex, long offset, Word out) {
    Segment s = segment(segIndex);
    if (offset < 0) {
      throw new VmException("negative offset " + segIndex + ":" + offset);
    }
    int page = (int) (offset >>> PAGE_BITS);
    byte[] flags;
    if (page >= s.flagPages.length || (flags = s.flagPages[page]) == null) {
      out.kind = Word.NONE;
      return false;
    }
    int o = (int) offset & PAGE_MASK;
    byte kind = (byte) (flags[o] & KIND_MASK);
    out.kind = kind;
    if (kind == Word.NONE) {
      return false;
    }
    int i = o << 2;
    long[] l = s.limbPages[page];
    out.l0 = l[i];
    out.l1 = l[i + 1];
    out.l2 = l[i + 2];
    out.l3 = l[i + 3];
    if (kind == Word.RELOC && out.l1 < 0 && !relocationRules.isEmpty()) {
      relocateRead(out);
    }
    return true;
  }

  /** {@link #load} that also marks the cell accessed when it holds a value. */
  boolean loadAccessed(int segIndex, long offset, Word out) {
    Segment s = segment(segIndex);
    if (offset < 0) {
      throw new VmException("negative offset " + segIndex + ":" + offset);
    }
    int page = (int) (offset >>> PAGE_BITS);
    byte[] flags;
    if (page >= s.flagPages.length || (flags = s.flagPages[page]) == null) {
      out.kind = Word.NONE;
      return false;
    }
    int o = (int) offset & PAGE_MASK;
    byte flag = flags[o];
    byte kind = (byte) (flag & KIND_MASK);
    out.kind = kind;
    if (kind == Word.NONE) {
      return false;
    }
    flags[o] = (byte) (flag | ACCESSED);
    int i = o << 2;
    long[] l = s.limbPages[page];
    out.l0 = l[i];
    out.l1 = l[i + 1];
    out.l2 = l[i + 2];
    out.l3 = l[i + 3];
    if (kind == Word.RELOC && out.l1 < 0 && !relocationRules.isEmpty()) {
      relocateRead(out);
    }
    return true;
  }

  /**
   * Reads a cell, asking the segment's rule to deduce it when empty; returns false when neither
   * works.
   */
  public boolean loadOrDeduce(int segIndex, long offset, Word out) {
    if (load(segIndex, offset, out)) {
      return true;
    }
    SegmentRule rule = segment(segIndex).rule;
    if (rule != null && rule.deduce(this, segIndex, offset, out)) {
      store(segIndex, offset, out);
      return true;
    }
    return false;
  }

  /** Writes a cell; writing a different value to a written cell is an error. */
  public void store(int segIndex, long offset, Word w) {
    Segment s = segment(segIndex);
    if (offset < 0) {
      throw new VmException("cannot write at negative offset " + segIndex + ":" + offset);
    }
    if (w.kind == Word.NONE) {
      throw new VmException("cannot write an empty value at " + segIndex + ":" + offset);
    }
    s.ensure(offset);
    int page = (int) (offset >>> PAGE_BITS);
    int o = (int) offset & PAGE_MASK;
    int i = o << 2;
    long[] l = s.limbPages[page];
    byte[] flags = s.flagPages[page];
    byte flag = flags[o];
    if ((flag & KIND_MASK) != Word.NONE) {
      if ((flag & KIND_MASK) != w.kind
          || l[i] != w.l0
          || l[i + 1] != w.l1
          || l[i + 2] != w.l2
          || l[i + 3] != w.l3) {
        Word old = new Word();
        load(segIndex, offset, old);
        throw new VmException(
            "inconsistent memory at "
                + segIndex
                + ":"
                + offset
                + ": holds "
                + old
                + ", cannot write "
                + w);
      }
      return;
    }
    l[i] = w.l0;
    l[i + 1] = w.l1;
    l[i + 2] = w.l2;
    l[i + 3] = w.l3;
    flags[o] = (byte) (flag | w.kind);
    if (offset >= s.used) {
      s.used = (int) offset + 1;
    }
    if (s.rule != null) {
      s.rule.validate(this, segIndex, offset);
    }
  }

  /** Marks a cell as accessed (for the memory-hole count). */
  public void markAccessed(int segIndex, long offset) {
    Segment s = segment(segIndex);
    if (offset >= 0) {
      int page = (int) (offset >>> PAGE_BITS);
      byte[] f;
      if (page < s.flagPages.length && (f = s.flagPages[page]) != null) {
        f[(int) offset & PAGE_MASK] |= ACCESSED;
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Boxed API for hints, builtins and tests.

  /** The value at an address, or null when the cell is empty. */
  public MaybeRelocatable get(Relocatable address) {
    Word w = new Word();
    return load(address.segment(), address.offset(), w) ? w.toValue() : null;
  }

  /** The value at an address; an empty cell is an error naming it. */
  public MaybeRelocatable getOrThrow(Relocatable address) {
    MaybeRelocatable v = get(address);
    if (v == null) {
      throw new VmException("memory cell " + address + " is empty");
    }
    return v;
  }

  /** Writes a value (write-once). */
  public void set(Relocatable address, MaybeRelocatable value) {
    store(address.segment(), address.offset(), new Word().set(value));
  }

  /** Whether the cell holds a value. */
  public boolean isSet(Relocatable address) {
    return load(address.segment(), address.offset(), new Word());
  }

  /** One past the highest written offset of a segment. */
  public int usedSize(int segIndex) {
    return segment(segIndex).used;
  }

  /** The finalized size of a segment, or else its used size. */
  public long size(int segIndex) {
    Segment s = segment(segIndex);
    return s.finalizedSize >= 0 ? s.finalizedSize : s.used;
  }

  /** Fixes a segment's size (it may be larger than what was written). */
  public void finalizeSegment(int segIndex, long size) {
    segment(segIndex).finalizedSize = size;
  }

  /** Whether the segment's size was fixed. */
  public boolean isFinalized(int segIndex) {
    return segment(segIndex).finalizedSize >= 0;
  }

  /** The number of accessed cells of a segment. */
  public int accessedCount(int segIndex) {
    Segment s = segment(segIndex);
    int n = 0;
    for (int i = 0; i < s.used; i++) {
      if ((s.flag(i) & ACCESSED) != 0) {
        n++;
      }
    }
    return n;
  }

  /** Whether a cell was accessed. */
  public boolean isAccessed(int segIndex, long offset) {
    Segment s = segment(segIndex);
    return offset >= 0 && offset < Integer.MAX_VALUE && (s.flag((int) offset) & ACCESSED) != 0;
  }

  // ------------------------------------------------------------------------------------------
  // Temporary segments.

  /** Declares that temporary segment {@code src} (negative) lives at {@code dst}. */
  public void addRelocationRule(Relocatable src, Relocatable dst) {
    if (src.segment() >= 0 || src.offset() != 0) {
      throw new VmException("relocation source must be a temporary segment base, got " + src);
    }
    if (relocationRules.containsKey(src.segment())) {
      throw new VmException("temporary segment " + src.segment() + " already has a rule");
    }
    relocationRules.put(src.segment(), dst);
  }

  private Relocatable relocateAddress(int segment, long offset) {
    int hops = 0;
    while (segment < 0) {
      Relocatable base = relocationRules.get(segment);
      if (base == null) {
        return new Relocatable(segment, offset);
      }
      segment = base.segment();
      offset = base.offset() + offset;
      if (++hops > temps.size()) {
        throw new VmException("relocation rules form a cycle");
      }
    }
    return new Relocatable(segment, offset);
  }

  /**
   * A read address into a temporary segment that has a rule already means its destination (as in
   * cairo-lang and cairo-vm, which relocate values on read), so code can compare the two.
   */
  private void relocateRead(Word out) {
    Relocatable r = relocateAddress((int) out.l1, out.l0);
    out.l0 = r.offset();
    out.l1 = r.segment();
  }

  /**
   * Applies the relocation rules: every address value that points into a temporary segment with a
   * rule is rewritten, and the temporary segments' cells are moved into their destinations.
   */
  public void relocateTemporarySegments() {
    if (relocationRules.isEmpty()) {
      return;
    }
    Word w = new Word();
    for (int s = 0; s < nSegments; s++) {
      relocateValues(segments[s]);
    }
    for (Segment t : temps) {
      relocateValues(t);
    }
    for (int t = 0; t < temps.size(); t++) {
      int index = -t - 1;
      if (!relocationRules.containsKey(index)) {
        continue;
      }
      Segment src = temps.get(t);
      for (int o = 0; o < src.used; o++) {
        if ((src.flag(o) & KIND_MASK) == Word.NONE) {
          continue;
        }
        load(index, o, w);
        Relocatable dst = relocateAddress(index, o);
        if (dst.segment() < 0) {
          throw new VmException("temporary segment " + index + " relocates into another temporary");
        }
        store(dst.segment(), dst.offset(), w);
      }
      temps.set(t, new Segment());
    }
    relocationRules.clear();
  }

  private void relocateValues(Segment s) {
    for (int o = 0; o < s.used; o++) {
      if ((s.flag(o) & KIND_MASK) != Word.RELOC) {
        continue;
      }
      long[] l = s.limbPages[o >>> PAGE_BITS];
      int i = (o & PAGE_MASK) << 2;
      if (l[i + 1] < 0) {
        Relocatable r = relocateAddress((int) l[i + 1], l[i]);
        l[i] = r.offset();
        l[i + 1] = r.segment();
      }
    }
  }

  /** Every written cell of a segment, in offset order (used by PIE and relocation). */
  public void forEachCell(int segIndex, CellVisitor visitor) {
    Segment s = segment(segIndex);
    Word w = new Word();
    for (int o = 0; o < s.used; o++) {
      if ((s.flag(o) & KIND_MASK) != Word.NONE) {
        load(segIndex, o, w);
        visitor.visit(o, w);
      }
    }
  }

  /** Receives cells from {@link #forEachCell}. */
  @FunctionalInterface
  public interface CellVisitor {
    void visit(long offset, Word value);
  }
}
