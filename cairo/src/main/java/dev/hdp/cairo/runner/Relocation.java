package dev.hdp.cairo.runner;

import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.VirtualMachine;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.cairo.vm.Word;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A finished run moved to flat addresses: segments laid out one after another from address 1, each
 * with its (finalized or used) size; addresses in values and in the trace become integers. Writes
 * the binary trace ({@code ap, fp, pc} as u64 LE) and memory ({@code address u64 LE, value 32 bytes
 * LE}) files a STARK prover reads.
 */
public final class Relocation {
  private final long[] bases;
  private final Memory memory;
  private final VirtualMachine vm;

  Relocation(CairoRunner runner) {
    this.memory = runner.memory();
    this.vm = runner.vm();
    this.bases = runner.segmentBases();
  }

  /** The flat address of segment {@code s}'s first cell. */
  public long base(int segment) {
    return bases[segment];
  }

  /** The flat address of an address. */
  public long relocate(Relocatable r) {
    if (r.segment() < 0 || r.segment() >= bases.length - 1) {
      throw new VmException("cannot relocate " + r + ": unknown segment");
    }
    return bases[r.segment()] + r.offset();
  }

  /** Writes the trace file: 24 bytes a step, ap, fp, pc, little-endian. */
  public void writeTrace(OutputStream out) throws IOException {
    byte[] entry = new byte[24];
    for (int i = 0; i < vm.traceLength(); i++) {
      Relocatable[] e = vm.traceEntry(i);
      le(relocate(e[1]), entry, 0);
      le(relocate(e[2]), entry, 8);
      le(relocate(e[0]), entry, 16);
      out.write(entry);
    }
  }

  /** Writes the memory file: 40 bytes a written cell, in address order. */
  public void writeMemory(OutputStream out) throws IOException {
    byte[] record = new byte[40];
    IOException[] failure = {null};
    for (int s = 0; s < memory.segmentCount(); s++) {
      long base = bases[s];
      memory.forEachCell(
          s,
          (offset, w) -> {
            java.util.Arrays.fill(record, (byte) 0);
            le(base + offset, record, 0);
            if (w.kind == Word.RELOC) {
              le(relocate(new Relocatable(w.segment(), w.l0)), record, 8);
            } else {
              le(w.l0, record, 8);
              le(w.l1, record, 16);
              le(w.l2, record, 24);
              le(w.l3, record, 32);
            }
            try {
              out.write(record);
            } catch (IOException e) {
              failure[0] = e;
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
  }

  private static void le(long v, byte[] out, int at) {
    for (int i = 0; i < 8; i++) {
      out[at + i] = (byte) (v >>> (8 * i));
    }
  }
}
