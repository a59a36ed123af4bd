// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice A header, account or storage property sampled over blocks start..end (inclusive) every
///         `increment` blocks on chain `chainId`. `sampledProperty` is 0x01‖field (header),
///         0x02‖address‖field (account) or 0x03‖address‖slot (storage).
struct BlockSampledDatalake {
    uint256 chainId;
    uint256 blockRangeStart;
    uint256 blockRangeEnd;
    uint256 increment;
    bytes sampledProperty;
}

/// @notice A transaction (0x01‖field) or receipt (0x02‖field) property over the transactions
///         startIndex..endIndex (exclusive) of block `targetBlock`, every `increment`, of the types
///         flagged in `includedTypes` (legacy<<24 | eip2930<<16 | eip1559<<8 | eip4844).
struct TransactionsInBlockDatalake {
    uint256 chainId;
    uint256 targetBlock;
    uint256 startIndex;
    uint256 endIndex;
    uint256 increment;
    uint256 includedTypes;
    bytes sampledProperty;
}

/// @notice HDP Gen2 aggregate functions (MERKLE and SLR were dropped in Gen2).
enum AggregateFn {
    AVG,
    SUM,
    MIN,
    MAX,
    COUNT
}

/// @notice Comparison used by COUNT; NONE for the other functions.
enum Operator {
    NONE,
    EQ,
    NEQ,
    GT,
    GTE,
    LT,
    LTE
}

struct ComputationalTask {
    AggregateFn aggregateFnId;
    Operator operatorId;
    uint256 valueToCompare;
}

/// @notice HDP "Gen2" encodings and commitments, byte for byte those of hdp v0.4–v0.7 and hdp-core:
///   BlockSampled  = abi.encode(uint256 0, chainId, start, end, increment, bytes property)
///   TxsInBlock    = abi.encode(uint256 1, chainId, target, startIdx, endIdx, increment, includedTypes, bytes property)
///   datalakeCommitment = keccak256(encoded datalake)
///   taskCommitment     = keccak256(abi.encode(bytes32 datalakeCommitment, uint8 fn, uint8 op, uint256 value))
///   resultCommitment   = keccak256(abi.encode(bytes32 taskCommitment, bytes32 result))
library TaskCodecs {
    uint256 internal constant BLOCK_SAMPLED_TYPE = 0;
    uint256 internal constant TRANSACTIONS_IN_BLOCK_TYPE = 1;

    function encode(BlockSampledDatalake calldata d) internal pure returns (bytes memory) {
        return abi.encode(
            BLOCK_SAMPLED_TYPE, d.chainId, d.blockRangeStart, d.blockRangeEnd, d.increment, d.sampledProperty
        );
    }

    function encode(TransactionsInBlockDatalake calldata d) internal pure returns (bytes memory) {
        return abi.encode(
            TRANSACTIONS_IN_BLOCK_TYPE,
            d.chainId,
            d.targetBlock,
            d.startIndex,
            d.endIndex,
            d.increment,
            d.includedTypes,
            d.sampledProperty
        );
    }

    function commit(BlockSampledDatalake calldata d) internal pure returns (bytes32) {
        return keccak256(encode(d));
    }

    function commit(TransactionsInBlockDatalake calldata d) internal pure returns (bytes32) {
        return keccak256(encode(d));
    }

    /// @return the task's 128-byte encoding, the preimage of its commitment and what Cairo receives.
    function encode(ComputationalTask calldata t, bytes32 datalakeCommitment) internal pure returns (bytes memory) {
        return abi.encode(datalakeCommitment, uint8(t.aggregateFnId), uint8(t.operatorId), t.valueToCompare);
    }

    function commit(ComputationalTask calldata t, bytes32 datalakeCommitment) internal pure returns (bytes32 c) {
        uint8 fn = uint8(t.aggregateFnId);
        uint8 op = uint8(t.operatorId);
        uint256 value = t.valueToCompare;
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, datalakeCommitment)
            mstore(add(p, 0x20), fn)
            mstore(add(p, 0x40), op)
            mstore(add(p, 0x60), value)
            c := keccak256(p, 0x80)
        }
    }

    function resultCommitment(bytes32 taskCommitment, bytes32 result) internal pure returns (bytes32 c) {
        assembly ("memory-safe") {
            mstore(0x00, taskCommitment)
            mstore(0x20, result)
            c := keccak256(0x00, 0x40)
        }
    }
}
