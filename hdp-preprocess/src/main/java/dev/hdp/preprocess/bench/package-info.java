/**
 * Benchmarks of the preprocessing module, run as commands that print a table (wired into {@code
 * ./hdp bench}).
 */
package dev.hdp.preprocess.bench;
