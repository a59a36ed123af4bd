/**
 * Ethereum block data as HDP reads it: block headers of every fork through Prague, accounts,
 * transactions of types 0–4 and their receipts, decoded strictly from RLP, and the checks of their
 * Merkle-Patricia proofs against a header's roots ({@link dev.hdp.core.chain.ChainProofs}).
 *
 * <p>Each type keeps the bytes it was decoded from, so that hashes are computed over what was
 * received (a re-encoding of a partial model could silently change a block hash). The field enums
 * carry HDP's field ids (hdp.md §2.3–2.4) and each type maps them to HDP's uint256 values.
 */
package dev.hdp.core.chain;
