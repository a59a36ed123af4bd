/**
 * The online {@link dev.hdp.preprocess.source.ChainDataSource}: headers, account and storage
 * proofs, and transaction and receipt tries from an Ethereum JSON-RPC node, fetched in batches;
 * header MMR proofs from a {@link dev.hdp.preprocess.source.rpc.HeaderProofProvider} (our
 * accumulator index, or Herodotus' indexer).
 */
package dev.hdp.preprocess.source.rpc;
