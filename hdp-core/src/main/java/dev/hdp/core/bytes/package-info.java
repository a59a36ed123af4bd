/**
 * Byte-level value types shared by the whole domain: strict hex, {@link
 * dev.hdp.core.bytes.Bytes32}, {@link dev.hdp.core.bytes.Address}, {@link
 * dev.hdp.core.bytes.UInt256} and Keccak-256.
 *
 * <p>Parsing here is strict on purpose: these types sit at the edge where untrusted hex from
 * requests, RPC answers and files enters the domain.
 */
package dev.hdp.core.bytes;
