/**
 * Strict Recursive Length Prefix (RLP) decoding and encoding, as in the Ethereum yellow paper,
 * appendix B.
 *
 * <p>The decoder is for untrusted bytes (RPC answers, proof nodes, headers): it accepts only the
 * canonical encoding (shortest length forms, no leading zeros in lengths, single bytes below 0x80
 * never wrapped, no trailing bytes) and fails with an {@link dev.hdp.core.rlp.RlpException} that
 * names the offset and shows a hex window of the bad bytes. Decoded items are views on the input
 * array, so walking a proof node does not copy it.
 */
package dev.hdp.core.rlp;
