/**
 * Benchmark commands (not tests): single-threaded throughput of the verifiers on real proofs, as a
 * printed table. They read fixture files given on the command line; the rest of hdp-core does no
 * I/O.
 */
package dev.hdp.core.bench;
