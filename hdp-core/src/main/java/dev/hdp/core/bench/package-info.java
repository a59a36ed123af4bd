/** Benchmarks of hdp-core, run by {@code hdp bench}; each prints a table, none asserts. */
package dev.hdp.core.bench;
