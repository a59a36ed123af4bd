/** Benchmarks of the cairo module, each printing a table; wired into {@code ./hdp bench}. */
package dev.hdp.cairo.bench;
