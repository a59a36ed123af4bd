package dev.hdp.cairo.pie;

import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Relocatable;

/** One memory cell of a PIE: an unrelocated address and its value. */
public record PieCell(Relocatable address, MaybeRelocatable value) {}
