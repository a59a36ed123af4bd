/**
 * StarkWare's bootloaders (simple, full and applicative, cairo-lang 0.14), as data: the tasks they
 * run ({@link dev.hdp.cairo.bootloader.Task}: a compiled program with its input, or a Cairo PIE),
 * their inputs ({@link dev.hdp.cairo.bootloader.SimpleBootloaderInput}, {@link
 * dev.hdp.cairo.bootloader.BootloaderInput} with its {@link
 * dev.hdp.cairo.bootloader.BootloaderConfig} and {@link dev.hdp.cairo.bootloader.PackedOutput}s,
 * {@link dev.hdp.cairo.bootloader.ApplicativeBootloaderInput}), parsed strictly from the JSON that
 * cairo-lang's schemas accept, the fact topology of a task's output ({@link
 * dev.hdp.cairo.bootloader.FactTopology}) and how the bootloader turns the topologies into output
 * pages and a file ({@link dev.hdp.cairo.bootloader.FactTopologies}), and the loading of a PIE's
 * memory into a running VM ({@link dev.hdp.cairo.bootloader.CairoPieLoader}). The hints that use
 * them are in {@code dev.hdp.cairo.hints}: {@code SimpleBootloaderHints}, {@code BootloaderHints}
 * and {@code ApplicativeBootloaderHints}.
 */
package dev.hdp.cairo.bootloader;
