package dev.hdp.cairo.bootloader;

import dev.hdp.cairo.builtins.EcdsaBuiltinRunner;
import dev.hdp.cairo.pie.CairoPie;
import dev.hdp.cairo.pie.PieCell;
import dev.hdp.cairo.pie.PieMetadata;
import dev.hdp.cairo.pie.SegmentInfo;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.VmException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a Cairo PIE's memory into a running VM so that the bootloader can repeat the PIE's run
 * without its hints ({@code load_cairo_pie}): the program segment goes to where the bootloader
 * loaded the program, the execution segment to the task's stack, each builtin segment to the
 * bootloader's pointer for that builtin, return fp and pc to the caller's, and every extra segment
 * to a new segment. ECDSA signatures move along with their addresses.
 */
public final class CairoPieLoader {
  private CairoPieLoader() {}

  /**
   * Loads {@code pie} into {@code memory}.
   *
   * @param executionSegmentAddress where the task's stack begins (its builtin pointers are there)
   * @param ecdsa the run's ecdsa builtin, or null if it has none
   * @throws VmException if the PIE's memory contradicts the VM's or cannot be placed
   */
  public static void load(
      CairoPie pie,
      Memory memory,
      Relocatable programAddress,
      Relocatable executionSegmentAddress,
      Relocatable retFp,
      Relocatable retPc,
      EcdsaBuiltinRunner ecdsa) {
    Map<Integer, MaybeRelocatable> table =
        relocationTable(pie, memory, programAddress, executionSegmentAddress, retFp, retPc);
    relocateSignatures(pie, table, ecdsa);
    for (PieCell cell : pie.memory()) {
      MaybeRelocatable address = relocate(table, cell.address());
      if (!(address instanceof Relocatable at)) {
        throw new VmException(
            "PIE cell " + cell.address() + " relocates to the integer " + address);
      }
      MaybeRelocatable value =
          cell.value() instanceof Relocatable r ? relocate(table, r) : cell.value();
      memory.set(at, value);
    }
  }

  private static Map<Integer, MaybeRelocatable> relocationTable(
      CairoPie pie,
      Memory memory,
      Relocatable programAddress,
      Relocatable executionSegmentAddress,
      Relocatable retFp,
      Relocatable retPc) {
    PieMetadata m = pie.metadata();
    Map<Integer, MaybeRelocatable> table = new HashMap<>();
    put(table, m.programSegment().index(), programAddress);
    put(table, m.executionSegment().index(), executionSegmentAddress);
    put(table, m.retFpSegment().index(), retFp);
    put(table, m.retPcSegment().index(), retPc);
    Map<Relocatable, MaybeRelocatable> pieMemory = new HashMap<>();
    for (PieCell c : pie.memory()) {
      pieMemory.put(c.address(), c.value());
    }
    List<String> builtins = m.program().builtins();
    for (int i = 0; i < builtins.size(); i++) {
      Relocatable stackCell = new Relocatable(m.executionSegment().index(), i);
      if (!(pieMemory.get(stackCell) instanceof Relocatable base) || base.offset() != 0) {
        throw new VmException(
            "the PIE's initial stack cell "
                + i
                + " ("
                + builtins.get(i)
                + ") is not a segment base: "
                + pieMemory.get(stackCell));
      }
      MaybeRelocatable pointer = memory.get(executionSegmentAddress.add(i));
      if (pointer == null) {
        throw new VmException(
            "the bootloader did not set the " + builtins.get(i) + " pointer for the PIE's task");
      }
      put(table, base.segment(), pointer);
    }
    for (SegmentInfo extra : m.extraSegments()) {
      put(table, extra.index(), memory.addSegment());
    }
    return table;
  }

  private static void put(Map<Integer, MaybeRelocatable> table, int segment, MaybeRelocatable to) {
    if (table.putIfAbsent(segment, to) != null) {
      throw new VmException("PIE segment " + segment + " is relocated twice");
    }
  }

  private static MaybeRelocatable relocate(Map<Integer, MaybeRelocatable> table, Relocatable r) {
    MaybeRelocatable base = table.get(r.segment());
    if (base == null) {
      throw new VmException("PIE address " + r + " is in no known segment");
    }
    return base instanceof Relocatable b ? b.add(r.offset()) : base;
  }

  private static void relocateSignatures(
      CairoPie pie, Map<Integer, MaybeRelocatable> table, EcdsaBuiltinRunner ecdsa) {
    Object data = pie.additionalData().get("ecdsa_builtin");
    if (!(data instanceof List<?> signatures) || signatures.isEmpty()) {
      return;
    }
    if (ecdsa == null) {
      throw new VmException("the PIE has ECDSA signatures but the run has no ecdsa builtin");
    }
    for (Object item : signatures) {
      if (!(item instanceof List<?> pair)
          || pair.size() != 2
          || !(pair.get(0) instanceof List<?> addr)
          || !(pair.get(1) instanceof List<?> sig)
          || addr.size() != 2
          || sig.size() != 2) {
        throw new VmException("the PIE's ecdsa_builtin data is malformed: " + item);
      }
      Relocatable at =
          new Relocatable(((Number) addr.get(0)).intValue(), ((Number) addr.get(1)).longValue());
      if (!(relocate(table, at) instanceof Relocatable moved)
          || moved.segment() != ecdsa.segmentIndex()) {
        throw new VmException(
            "the PIE's signature at " + at + " does not relocate into the ecdsa segment");
      }
      ecdsa.addSignature(
          moved, new BigInteger(sig.get(0).toString()), new BigInteger(sig.get(1).toString()));
    }
  }
}
