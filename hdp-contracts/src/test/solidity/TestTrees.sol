// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice Test-side StandardMerkleTree (array layout, leaves in input order) and a reference Keccak
///         MMR built a different way from the contract's (perfect subtrees over runs of leaves).
library TestTrees {
    function leaf(bytes32 v) internal pure returns (bytes32) {
        return keccak256(abi.encode(keccak256(abi.encode(v))));
    }

    function pair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// @return t the tree array: t[2n-2-i] = leaf(values[i]), t[i] = pair(t[2i+1], t[2i+2])
    function tree(bytes32[] memory values) internal pure returns (bytes32[] memory t) {
        uint256 n = values.length;
        t = new bytes32[](2 * n - 1);
        for (uint256 i; i < n; ++i) t[2 * n - 2 - i] = leaf(values[i]);
        for (uint256 i = n - 1; i > 0; --i) t[i - 1] = pair(t[2 * i - 1], t[2 * i]);
    }

    function proof(bytes32[] memory t, uint256 leafIndex) internal pure returns (bytes32[] memory p) {
        uint256 idx = t.length - 1 - leafIndex;
        uint256 depth;
        for (uint256 j = idx; j > 0; j = (j - 1) / 2) ++depth;
        p = new bytes32[](depth);
        for (uint256 k; idx > 0; ++k) {
            p[k] = t[idx % 2 == 1 ? idx + 1 : idx - 1];
            idx = (idx - 1) / 2;
        }
    }

    /// @return size and root of the Keccak MMR of `leaves` (hdp.md §6.4): peaks are the roots of
    ///         the perfect trees over runs of 2^k leaves, largest first; bagged from the right.
    function mmr(bytes32[] memory leaves) internal pure returns (uint256 size, bytes32 root) {
        uint256 n = leaves.length;
        uint256 peakCount;
        for (uint256 x = n; x != 0; x &= x - 1) ++peakCount;
        size = 2 * n - peakCount;
        bytes32[] memory peaks = new bytes32[](peakCount);
        uint256 offset;
        uint256 p;
        for (uint256 k = 64; k > 0; --k) {
            uint256 width = 1 << (k - 1);
            if (n & width == 0) continue;
            peaks[p++] = perfectRoot(leaves, offset, width);
            offset += width;
        }
        bytes32 bag = peaks[peakCount - 1];
        for (uint256 i = peakCount - 1; i > 0; --i) bag = keccak256(abi.encodePacked(peaks[i - 1], bag));
        root = keccak256(abi.encodePacked(size, bag));
    }

    function perfectRoot(bytes32[] memory leaves, uint256 offset, uint256 width) internal pure returns (bytes32) {
        if (width == 1) return leaves[offset];
        uint256 half = width / 2;
        return keccak256(
            abi.encodePacked(perfectRoot(leaves, offset, half), perfectRoot(leaves, offset + half, half))
        );
    }
}
