// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice Inclusion proofs for OpenZeppelin StandardMerkleTree trees of single bytes32 values, as
///         HDP builds its tasks and results trees (leaves in input order, not sorted):
///         leaf(v) = keccak256(keccak256(v)); node(a, b) = keccak256(min(a, b) ‖ max(a, b)).
///         Same results as OpenZeppelin's MerkleProof.verifyCalldata, in scratch-space assembly.
library MerkleProofs {
    /// @return leaf keccak256(keccak256(value)) — StandardMerkleTree's leaf for one bytes32.
    function standardLeaf(bytes32 value) internal pure returns (bytes32 leaf) {
        assembly ("memory-safe") {
            mstore(0x00, value)
            mstore(0x00, keccak256(0x00, 0x20))
            leaf := keccak256(0x00, 0x20)
        }
    }

    /// @return node the parent of two nodes: keccak256 of the smaller followed by the larger.
    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32 node) {
        assembly ("memory-safe") {
            switch lt(a, b)
            case 1 {
                mstore(0x00, a)
                mstore(0x20, b)
            }
            default {
                mstore(0x00, b)
                mstore(0x20, a)
            }
            node := keccak256(0x00, 0x40)
        }
    }

    /// @return root the root reached from `leaf` along `proof` (siblings from the leaf upwards).
    function processProof(bytes32[] calldata proof, bytes32 leaf) internal pure returns (bytes32 root) {
        assembly ("memory-safe") {
            root := leaf
            let p := proof.offset
            let end := add(p, shl(5, proof.length))
            for {} lt(p, end) { p := add(p, 0x20) } {
                let sibling := calldataload(p)
                switch lt(root, sibling)
                case 1 {
                    mstore(0x00, root)
                    mstore(0x20, sibling)
                }
                default {
                    mstore(0x00, sibling)
                    mstore(0x20, root)
                }
                root := keccak256(0x00, 0x40)
            }
        }
    }

    function verify(bytes32[] calldata proof, bytes32 root, bytes32 leaf) internal pure returns (bool) {
        return processProof(proof, leaf) == root;
    }
}
