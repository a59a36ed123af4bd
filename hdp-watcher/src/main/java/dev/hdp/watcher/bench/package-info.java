/** Benchmarks of the operator node, printed as tables; wired into {@code hdp bench}. */
package dev.hdp.watcher.bench;
