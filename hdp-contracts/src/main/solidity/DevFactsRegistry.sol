// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IFactsRegistry} from "./interfaces/IFactsRegistry.sol";

/// @title DevFactsRegistry — UNPROVEN facts for development chains.
/// @notice A facts registry in which the configured dev-prover address marks facts valid WITHOUT
///         ANY PROOF. It exists so that the whole pipeline can run on a local chain; a contract that
///         trusts it trusts the dev prover's key, nothing more. Never use it where value is at stake.
contract DevFactsRegistry is IFactsRegistry {
    /// @notice Stated in the bytecode too, for anyone who inspects the registry a store points to.
    string public constant NOTICE = "DEVELOPMENT ONLY: facts here are marked valid by a key, with no proof behind them";

    address public immutable DEV_PROVER;
    mapping(bytes32 fact => bool) private unprovenFacts;

    event UnprovenFactMarkedValid(bytes32 indexed fact, address indexed devProver);

    error NotTheDevProver(address caller);

    constructor(address devProver) {
        DEV_PROVER = devProver;
    }

    /// @notice Marks `fact` valid with no proof; only the dev prover may.
    function markValid(bytes32 fact) external {
        if (msg.sender != DEV_PROVER) revert NotTheDevProver(msg.sender);
        unprovenFacts[fact] = true;
        emit UnprovenFactMarkedValid(fact, msg.sender);
    }

    /// @return true when the dev prover marked `fact` (no proof stands behind it).
    function isValid(bytes32 fact) external view returns (bool) {
        return unprovenFacts[fact];
    }
}
