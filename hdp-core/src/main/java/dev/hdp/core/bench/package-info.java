/**
 * Benchmarks of hdp-core, run by {@code hdp bench}; each prints a table, none asserts. Those that
 * need real data read fixture files named on their command line; the rest of hdp-core does no I/O.
 */
package dev.hdp.core.bench;
