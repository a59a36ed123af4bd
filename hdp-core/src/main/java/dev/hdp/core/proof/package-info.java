/**
 * The result of checking a proof: either the proven value or a {@link
 * dev.hdp.core.proof.ProofFailure} with an enum reason and a message naming the failing node or
 * step.
 *
 * <p>A proof that does not verify is an expected event when the data comes from an untrusted RPC
 * node or indexer, so verifiers return a {@link dev.hdp.core.proof.ProofResult} instead of
 * throwing. Exceptions are kept for programmer errors (null arguments, impossible parameters).
 */
package dev.hdp.core.proof;
