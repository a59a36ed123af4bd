/** Benchmarks of the cairo module; each prints a table (wired into {@code ./hdp bench}). */
package dev.hdp.cairo.bench;
