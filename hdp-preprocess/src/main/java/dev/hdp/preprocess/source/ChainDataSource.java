package dev.hdp.preprocess.source;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.task.ChainId;
import java.util.List;

/**
 * Raw chain data with the proofs that make it checkable: block headers with their header-MMR
 * inclusion proofs, {@code eth_getProof} account and storage proofs, and transaction and receipt
 * trie proofs. Implementations fetch or read; they do not verify (the preprocessor does).
 *
 * <p>Every method throws {@link ChainDataException} when the source cannot provide the item (not in
 * the file, RPC failure after retries, index beyond the block's transactions).
 */
public interface ChainDataSource {
  /**
   * Announces the items about to be asked for, so that a network source can fetch them in few
   * batched round trips. It never throws for a single item: an item that cannot be fetched fails
   * when it is asked for, with its own message. The default does nothing.
   */
  default void prefetch(List<ChainDataRequest> requests) {}

  /** The RLP of block {@code blockNumber} with its inclusion proof in a header MMR. */
  HeaderWithProof header(ChainId chainId, long blockNumber);

  /** The account proof of {@code address} at the state of block {@code blockNumber}. */
  AccountProof account(ChainId chainId, long blockNumber, Address address);

  /** The storage proof of {@code slot} of {@code address} at block {@code blockNumber}. */
  StorageProof storage(ChainId chainId, long blockNumber, Address address, Bytes32 slot);

  /** The trie proof of transaction {@code index} of block {@code blockNumber}. */
  TrieProof transaction(ChainId chainId, long blockNumber, long index);

  /** The trie proof of the receipt of transaction {@code index} of block {@code blockNumber}. */
  TrieProof receipt(ChainId chainId, long blockNumber, long index);
}
