/**
 * A small, strict Solidity ABI encoder and decoder for the fixed layouts HDP uses: a head of
 * 32-byte words followed by the tails of dynamic {@code bytes} and {@code bytes32[]} values.
 *
 * <p>Hand-written rather than web3j's {@code abi} module because decoding here faces untrusted
 * bytes (contract events, requests) and must accept only the canonical encoding: offsets must point
 * at the next tail, lengths must fit, padding must be zero and nothing may trail. That makes
 * decoding injective, so a changed byte can never decode silently to the same value.
 */
package dev.hdp.core.abi;
