/**
 * The Cairo 0 machine: instruction decoding, write-once segmented memory with relocation and
 * temporary segments, operand deduction, assertions, register updates and the trace.
 *
 * <p>The hot path keeps felts as raw 64-bit limbs in {@code long[]} arrays (four limbs a cell, a
 * flag byte for kind and access) so that a step allocates nothing; {@link
 * dev.hdp.cairo.vm.MaybeRelocatable} is the boxed view for hints, builtins and tests.
 */
package dev.hdp.cairo.vm;
