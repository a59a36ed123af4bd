package dev.hdp.cairo.vm;

/** A hint compiled for this run: the VM calls it before executing the instruction at its pc. */
@FunctionalInterface
public interface VmHint {
  void run(VirtualMachine vm);
}
