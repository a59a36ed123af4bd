/** Benchmarks of the operator node, run by {@code hdp bench}; each prints a table. */
package dev.hdp.watcher.bench;
