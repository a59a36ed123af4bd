/**
 * STARK-field cryptography: the field element {@link dev.hdp.cairo.crypto.Felt252}, the STARK
 * curve, and StarkWare's Poseidon and Pedersen hashes. General purpose; it knows nothing of HDP.
 */
package dev.hdp.cairo.crypto;
