/**
 * StarkWare's simple bootloader, as data: the tasks it runs ({@link dev.hdp.cairo.bootloader.Task}:
 * a compiled program with its input, or a Cairo PIE), its input ({@link
 * dev.hdp.cairo.bootloader.SimpleBootloaderInput}, parsed strictly from the JSON that cairo-lang's
 * schemas accept), the fact topology of a task's output ({@link
 * dev.hdp.cairo.bootloader.FactTopology}) and the loading of a PIE's memory into a running VM
 * ({@link dev.hdp.cairo.bootloader.CairoPieLoader}). The hints that use them are in {@code
 * dev.hdp.cairo.hints.SimpleBootloaderHints}.
 */
package dev.hdp.cairo.bootloader;
