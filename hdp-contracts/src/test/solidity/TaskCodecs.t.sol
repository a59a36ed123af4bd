// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {TestBase} from "./TestBase.sol";
import {
    BlockSampledDatalake,
    TransactionsInBlockDatalake,
    ComputationalTask,
    AggregateFn,
    Operator,
    TaskCodecs
} from "../../main/solidity/libraries/TaskCodecs.sol";

/// @dev Exposes the calldata-taking codec functions.
contract TaskCodecsHarness {
    function encodeBlockSampled(BlockSampledDatalake calldata d) external pure returns (bytes memory) {
        return TaskCodecs.encode(d);
    }

    function encodeTxsInBlock(TransactionsInBlockDatalake calldata d) external pure returns (bytes memory) {
        return TaskCodecs.encode(d);
    }

    function commitBlockSampled(BlockSampledDatalake calldata d, ComputationalTask calldata t)
        external
        pure
        returns (bytes32)
    {
        return TaskCodecs.commit(t, TaskCodecs.commit(d));
    }

    function commitTxsInBlock(TransactionsInBlockDatalake calldata d, ComputationalTask calldata t)
        external
        pure
        returns (bytes32)
    {
        return TaskCodecs.commit(t, TaskCodecs.commit(d));
    }

    function encodeTask(ComputationalTask calldata t, bytes32 datalakeCommitment) external pure returns (bytes memory) {
        return TaskCodecs.encode(t, datalakeCommitment);
    }
}

/// @notice The Gen2 codecs against hdp-vectors.md (V1, V3, V4, V5, V6) and against a word-by-word
///         layout for fuzzed inputs.
contract TaskCodecsTest is TestBase {
    uint256 constant SEPOLIA = 11155111;
    TaskCodecsHarness harness = new TaskCodecsHarness();

    function task(AggregateFn fn, Operator op, uint256 value) private pure returns (ComputationalTask memory) {
        return ComputationalTask({aggregateFnId: fn, operatorId: op, valueToCompare: value});
    }

    function testV1BlockSampledCountTaskCommitment() public view {
        BlockSampledDatalake memory d = BlockSampledDatalake(SEPOLIA, 5858987, 5858997, 2, hex"0112");
        bytes32 c = harness.commitBlockSampled(d, task(AggregateFn.COUNT, Operator.GT, 10000000));
        assertEq(c, 0x931644ee9576d1a377d4c5ba642a9f96361663f31d867d36169623f782a887fc, "V1 task commitment");
    }

    function testV3EncodedTask() public view {
        BlockSampledDatalake memory d = BlockSampledDatalake(SEPOLIA, 0, 100, 1, hex"010f");
        bytes memory encoded =
            harness.encodeTask(task(AggregateFn.COUNT, Operator.GTE, 100), keccak256(harness.encodeBlockSampled(d)));
        assertEq(
            encoded,
            hex"682986dba66e37a68d596cd278051a26d1c4f73b2d5daa5230e6dbc7d8f6790f000000000000000000000000000000000000000000000000000000000000000400000000000000000000000000000000000000000000000000000000000000040000000000000000000000000000000000000000000000000000000000000064",
            "V3 encoded task"
        );
    }

    function testV4AccountDatalakeEncoding() public view {
        BlockSampledDatalake memory d = BlockSampledDatalake(
            SEPOLIA, 4952100, 4952103, 1, hex"020a4de450feb156a2a51ed159b2fb99da26e5f3a300"
        );
        bytes[] memory batch = new bytes[](1);
        batch[0] = harness.encodeBlockSampled(d);
        assertEq(
            abi.encode(batch),
            hex"000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000aa36a700000000000000000000000000000000000000000000000000000000004b902400000000000000000000000000000000000000000000000000000000004b9027000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000c00000000000000000000000000000000000000000000000000000000000000016020a4de450feb156a2a51ed159b2fb99da26e5f3a30000000000000000000000",
            "V4 bytes[] datalake encoding"
        );
    }

    function testV5AvgHeaderNumberTask() public view {
        BlockSampledDatalake memory d = BlockSampledDatalake(SEPOLIA, 5858987, 5858997, 1, hex"0108");
        assertEq(
            keccak256(harness.encodeBlockSampled(d)),
            0xe25f7c6d6b57c16f61d85911d59aed7623e4e2e4463eb2e59e2144136bba1fd6,
            "V5 datalake commitment"
        );
        assertEq(
            harness.commitBlockSampled(d, task(AggregateFn.AVG, Operator.NONE, 0)),
            0xc045b2ad4e6c9efb76f0fb712b20891496165bd6b7f32e148aee2243e3687307,
            "V5 task commitment"
        );
    }

    function testV6CountBaseFeeTask() public view {
        BlockSampledDatalake memory d = BlockSampledDatalake(SEPOLIA, 5515000, 5515028, 10, hex"010f");
        assertEq(
            harness.commitBlockSampled(d, task(AggregateFn.COUNT, Operator.GT, 1000000000000000000)),
            0xf9439166b16d3ebbc8c047754c9c4cf7c4012c5850f44a81da9c34c32f91cee3,
            "V6 task commitment"
        );
    }

    function testFuzzBlockSampledLayout(
        uint256 chainId,
        uint256 start,
        uint256 end,
        uint256 increment,
        bytes calldata property,
        uint8 fn,
        uint8 op,
        uint256 value
    ) public view {
        BlockSampledDatalake memory d = BlockSampledDatalake(chainId, start, end, increment, property);
        bytes memory encoded = harness.encodeBlockSampled(d);
        uint256 padded = (property.length + 31) / 32 * 32;
        bytes memory expected = bytes.concat(
            abi.encodePacked(uint256(0), chainId, start, end, increment, uint256(0xc0), property.length),
            property,
            new bytes(padded - property.length)
        );
        assertEq(encoded, expected, "BlockSampled word layout");
        ComputationalTask memory t = task(AggregateFn(fn % 5), Operator(op % 7), value);
        assertEq(
            harness.commitBlockSampled(d, t),
            keccak256(abi.encodePacked(keccak256(expected), uint256(fn % 5), uint256(op % 7), value)),
            "task commitment = keccak(dc, fn, op, value)"
        );
    }

    function testFuzzTransactionsInBlockLayout(
        uint256 chainId,
        uint256 target,
        uint256 startIndex,
        uint256 endIndex,
        uint256 increment,
        uint256 includedTypes,
        bytes calldata property
    ) public view {
        TransactionsInBlockDatalake memory d =
            TransactionsInBlockDatalake(chainId, target, startIndex, endIndex, increment, includedTypes, property);
        bytes memory encoded = harness.encodeTxsInBlock(d);
        uint256 padded = (property.length + 31) / 32 * 32;
        bytes memory expected = bytes.concat(
            abi.encodePacked(
                uint256(1), chainId, target, startIndex, endIndex, increment, includedTypes, uint256(0x100)
            ),
            abi.encodePacked(property.length),
            property,
            new bytes(padded - property.length)
        );
        assertEq(encoded, expected, "TransactionsInBlock word layout");
        (uint256 kind,, uint256 t2,,,, uint256 types, bytes memory p) =
            abi.decode(encoded, (uint256, uint256, uint256, uint256, uint256, uint256, uint256, bytes));
        assertEq(kind, 1, "type word");
        assertEq(t2, target, "target");
        assertEq(types, includedTypes, "included types");
        assertEq(p, property, "property");
    }

    function testTransactionsInBlockTaskMatchesSeparateEncoding() public view {
        TransactionsInBlockDatalake memory d =
            TransactionsInBlockDatalake(SEPOLIA, 100000, 1, 100, 1, 0x0101, hex"0200");
        bytes32 dc = keccak256(harness.encodeTxsInBlock(d));
        ComputationalTask memory t = task(AggregateFn.COUNT, Operator.EQ, 1);
        assertEq(
            harness.commitTxsInBlock(d, t), keccak256(harness.encodeTask(t, dc)), "commitment = keccak(encoded task)"
        );
        assertEq(harness.encodeTask(t, dc).length, 128, "encoded task length");
        assertEq(harness.encodeTxsInBlock(d).length, 320, "txs datalake length");
    }
}
