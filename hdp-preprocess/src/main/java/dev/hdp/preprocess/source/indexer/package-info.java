/**
 * Header MMR proofs from Herodotus' indexer API ({@code /accumulators/proofs}), for public chains
 * whose headers Herodotus accumulates in Poseidon MMRs.
 */
package dev.hdp.preprocess.source.indexer;
