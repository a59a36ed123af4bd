/**
 * OpenZeppelin's StandardMerkleTree for single {@code bytes32} leaves, as HDP builds it: leaves in
 * input order (not sorted), {@code leaf = keccak256(keccak256(value))}, sorted-pair nodes; and the
 * tasks and results trees of a batch (hdp.md §4).
 */
package dev.hdp.core.merkle;
