// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice Roots of the Keccak block-hash MMRs kept by HeadersAccumulator.
interface IHeadersAccumulator {
    /// @return root the root the MMR `mmrId` had when it held `mmrSize` nodes; zero if it never had that size.
    function rootAt(uint256 mmrId, uint256 mmrSize) external view returns (bytes32 root);

    /// @return mmrSize the current size (node count) of MMR `mmrId`, and its root (zero when empty).
    function latestRoot(uint256 mmrId) external view returns (uint256 mmrSize, bytes32 root);
}
