// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice A registry of Cairo facts (keccak256(programHash ‖ keccak256(output words))), as SHARP's.
interface IFactsRegistry {
    function isValid(bytes32 fact) external view returns (bool);
}
