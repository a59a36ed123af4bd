/**
 * The real work of the operator node's stages on a chain with our contracts: the event watcher,
 * preprocessing online (JSON-RPC and the headers-accumulator index), the program output (computed
 * by the preprocessor until the Cairo program exists: UNPROVEN), the provers (the dev prover marks
 * the fact valid on the {@code DevFactsRegistry}), the fact check, finalization and the accumulator
 * appender.
 */
package dev.hdp.watcher.pipeline;
