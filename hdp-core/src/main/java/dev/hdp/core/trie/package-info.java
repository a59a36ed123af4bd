/**
 * Merkle-Patricia trie proofs (Ethereum yellow paper, appendix D): verification of proofs of
 * presence and absence against a root hash, and a small in-memory trie that computes roots and
 * produces proofs (to rebuild a block's transaction or receipt trie, and for tests).
 *
 * <p>A proof is the list of trie nodes on the key's path, root first, as {@code eth_getProof}
 * returns them; nodes shorter than 32 bytes are embedded in their parent and not listed.
 */
package dev.hdp.core.trie;
