// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {TestBase} from "./TestBase.sol";
import {TestTrees} from "./TestTrees.sol";
import {HdpExecutionStore} from "../../main/solidity/HdpExecutionStore.sol";
import {HeadersAccumulator} from "../../main/solidity/HeadersAccumulator.sol";
import {DevFactsRegistry} from "../../main/solidity/DevFactsRegistry.sol";
import {IFactsRegistry} from "../../main/solidity/interfaces/IFactsRegistry.sol";
import {Roles} from "../../main/solidity/libraries/Roles.sol";
import {
    BlockSampledDatalake,
    TransactionsInBlockDatalake,
    ComputationalTask,
    AggregateFn,
    Operator
} from "../../main/solidity/libraries/TaskCodecs.sol";

/// @notice Requests, MMR caching and both finalization paths, with the dev facts registry.
contract HdpExecutionStoreTest is TestBase {
    bytes32 constant PROGRAM_HASH = bytes32(uint256(0x42c0f2214c4feb397b9226fa7114496fe6ffd039cd9d81d22f404b22cc6e4c1));
    DevFactsRegistry registry;
    HeadersAccumulator acc;
    HdpExecutionStore store;
    uint256 mmrId;
    uint256 mmrSize;
    bytes32 mmrRoot;

    function setUp() public {
        registry = new DevFactsRegistry(address(this));
        acc = new HeadersAccumulator();
        store = new HdpExecutionStore(address(this), address(this), registry, acc, PROGRAM_HASH);
        vm.roll(100);
        for (uint256 n = 90; n < 100; ++n) vm.setBlockhash(n, keccak256(abi.encode(n)));
        mmrId = acc.createMmr(90);
        acc.appendFromBlockhash(mmrId, 10);
        (mmrSize, mmrRoot) = store.cacheMmrRoot(mmrId);
    }

    struct Batch {
        bytes32[] commitments;
        bytes32[] results;
        bytes32[] taskTree;
        bytes32[] resultTree;
        bytes32[][] taskProofs;
        bytes32[][] resultProofs;
        uint256[] ids;
        uint256[] sizes;
    }

    function makeBatch(uint256 n, uint256 seed) private view returns (Batch memory b) {
        b.commitments = new bytes32[](n);
        b.results = new bytes32[](n);
        bytes32[] memory resultCommitments = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            b.commitments[i] = keccak256(abi.encode("task", seed, i));
            b.results[i] = keccak256(abi.encode("result", seed, i));
            resultCommitments[i] = keccak256(abi.encode(b.commitments[i], b.results[i]));
        }
        b.taskTree = TestTrees.tree(b.commitments);
        b.resultTree = TestTrees.tree(resultCommitments);
        b.taskProofs = new bytes32[][](n);
        b.resultProofs = new bytes32[][](n);
        for (uint256 i; i < n; ++i) {
            b.taskProofs[i] = TestTrees.proof(b.taskTree, i);
            b.resultProofs[i] = TestTrees.proof(b.resultTree, i);
        }
        b.ids = new uint256[](1);
        b.sizes = new uint256[](1);
        b.ids[0] = mmrId;
        b.sizes[0] = mmrSize;
    }

    function fact(Batch memory b) private view returns (bytes32) {
        uint256 tr = uint256(b.taskTree[0]);
        uint256 rr = uint256(b.resultTree[0]);
        uint256[] memory output = new uint256[](8);
        (output[0], output[1], output[2], output[3]) = (rr & type(uint128).max, rr >> 128, tr & type(uint128).max, tr >> 128);
        (output[4], output[5], output[6], output[7]) = (mmrId, mmrSize, block.chainid, uint256(mmrRoot));
        return keccak256(abi.encode(PROGRAM_HASH, keccak256(abi.encodePacked(output))));
    }

    function authenticate(Batch memory b) private {
        uint256 tr = uint256(b.taskTree[0]);
        uint256 rr = uint256(b.resultTree[0]);
        store.authenticateTaskExecution(
            b.ids, b.sizes, tr & type(uint128).max, tr >> 128, rr & type(uint128).max, rr >> 128,
            b.taskProofs, b.resultProofs, b.commitments, b.results
        );
    }

    function testRequestSchedulesOnceWithTheGen2Commitment() public {
        BlockSampledDatalake memory d = BlockSampledDatalake(11155111, 5858987, 5858997, 2, hex"0112");
        ComputationalTask memory t = ComputationalTask(AggregateFn.COUNT, Operator.GT, 10000000);
        store.requestExecutionOfTaskWithBlockSampledDatalake(d, t);
        bytes32 v1 = 0x931644ee9576d1a377d4c5ba642a9f96361663f31d867d36169623f782a887fc;
        assertTrue(store.getTaskStatus(v1) == HdpExecutionStore.TaskStatus.SCHEDULED, "scheduled");
        vm.expectRevert(abi.encodeWithSelector(HdpExecutionStore.DoubleRegistration.selector, v1));
        store.requestExecutionOfTaskWithBlockSampledDatalake(d, t);

        TransactionsInBlockDatalake memory x = TransactionsInBlockDatalake(11155111, 100000, 1, 100, 1, 0x0101, hex"0200");
        store.requestExecutionOfTaskWithTransactionsInBlockDatalake(x, t);
        bytes32 dc = keccak256(abi.encode(uint256(1), x.chainId, x.targetBlock, x.startIndex, x.endIndex, x.increment, x.includedTypes, x.sampledProperty));
        bytes32 tc = keccak256(abi.encode(dc, uint8(4), uint8(3), uint256(10000000)));
        assertTrue(store.getTaskStatus(tc) == HdpExecutionStore.TaskStatus.SCHEDULED, "tx task scheduled");
    }

    function testFinalizesEveryTaskOfAProvenBatch() public {
        Batch memory b = makeBatch(9, 1);
        registry.markValid(fact(b));
        authenticate(b);
        for (uint256 i; i < 9; ++i) {
            assertEq(store.getFinalizedTaskResult(b.commitments[i]), b.results[i], "stored result");
            assertTrue(store.getTaskStatus(b.commitments[i]) == HdpExecutionStore.TaskStatus.FINALIZED, "finalized");
        }
    }

    function testRevertsForAnUnregisteredFact() public {
        Batch memory b = makeBatch(3, 2);
        vm.expectRevert(abi.encodeWithSelector(HdpExecutionStore.InvalidFact.selector, fact(b)));
        authenticate(b);
    }

    function testRevertsForAWrongRoot() public {
        Batch memory b = makeBatch(3, 3);
        registry.markValid(fact(b));
        Batch memory other = makeBatch(3, 4);
        b.taskTree = other.taskTree; // the operator claims another tasks root
        vm.expectRevert(abi.encodeWithSelector(HdpExecutionStore.InvalidFact.selector, fact(b)));
        authenticate(b);
    }

    function testRevertsForATaskOrResultNotInTheBatch() public {
        Batch memory b = makeBatch(4, 5);
        registry.markValid(fact(b));
        bytes32 original = b.commitments[2];
        b.commitments[2] = keccak256("stranger");
        vm.expectRevert(abi.encodeWithSelector(HdpExecutionStore.TaskNotInBatch.selector, b.commitments[2]));
        authenticate(b);
        b.commitments[2] = original;
        b.results[1] = bytes32(uint256(7));
        vm.expectRevert(abi.encodeWithSelector(HdpExecutionStore.ResultNotInBatch.selector, b.commitments[1]));
        authenticate(b);
    }

    function testRevertsForAnUncachedMmrRoot() public {
        Batch memory b = makeBatch(2, 6);
        registry.markValid(fact(b));
        b.sizes[0] = mmrSize - 1;
        vm.expectRevert(abi.encodeWithSelector(HdpExecutionStore.MmrRootNotCached.selector, mmrId, mmrSize - 1));
        authenticate(b);
    }

    function testRevertsForACallerWithoutTheRole() public {
        Batch memory b = makeBatch(2, 7);
        registry.markValid(fact(b));
        bytes32 role = store.OPERATOR_ROLE();
        vm.prank(address(0xbeef));
        vm.expectRevert(abi.encodeWithSelector(Roles.AccessControlUnauthorizedAccount.selector, address(0xbeef), role));
        authenticate(b);
    }

    function testOnlyTheDevProverMarksFacts() public {
        vm.prank(address(0xbeef));
        vm.expectRevert(abi.encodeWithSelector(DevFactsRegistry.NotTheDevProver.selector, address(0xbeef)));
        registry.markValid(bytes32(uint256(1)));
    }

    function testProgramHashRotationChangesTheAcceptedFact() public {
        Batch memory b = makeBatch(1, 8);
        registry.markValid(fact(b));
        store.setProgramHash(bytes32(uint256(0x1234)));
        vm.expectRevert();
        authenticate(b);
        vm.prank(address(0xbeef));
        vm.expectRevert(abi.encodeWithSelector(Roles.AccessControlUnauthorizedAccount.selector, address(0xbeef), bytes32(0)));
        store.setProgramHash(PROGRAM_HASH);
    }

    function testRootOnlyFinalizationLetsReadersProveTheirTask() public {
        Batch memory b = makeBatch(64, 9);
        registry.markValid(fact(b));
        uint256 tr = uint256(b.taskTree[0]);
        uint256 rr = uint256(b.resultTree[0]);
        assertTrue(!store.verifyTaskResultInBatch(b.resultTree[0], b.commitments[5], b.results[5], b.resultProofs[5]), "not before");
        store.authenticateBatchRoots(b.ids, b.sizes, tr & type(uint128).max, tr >> 128, rr & type(uint128).max, rr >> 128);
        for (uint256 i; i < 64; ++i) {
            assertTrue(store.verifyTaskResultInBatch(b.resultTree[0], b.commitments[i], b.results[i], b.resultProofs[i]), "proves");
        }
        assertTrue(!store.verifyTaskResultInBatch(b.resultTree[0], b.commitments[5], b.results[6], b.resultProofs[5]), "wrong result");
        vm.prank(address(0xbeef));
        store.finalizeTaskFromBatch(b.resultTree[0], b.commitments[5], b.results[5], b.resultProofs[5]);
        assertEq(store.getFinalizedTaskResult(b.commitments[5]), b.results[5], "copied into the task store");
    }

    function testFuzzResultsSurviveTheOneWordEncoding(bytes32 result, uint8 special) public {
        bytes32 mask = keccak256("hdp.HdpExecutionStore.result-mask");
        if (special % 4 != 3) result = mask ^ bytes32(uint256(special % 4)); // the overflow cases
        bytes32[] memory commitments = new bytes32[](1);
        commitments[0] = keccak256(abi.encode(result));
        Batch memory b = makeBatch(1, 10);
        b.commitments = commitments;
        b.results[0] = result;
        b.taskTree = TestTrees.tree(commitments);
        bytes32[] memory rc = new bytes32[](1);
        rc[0] = keccak256(abi.encode(commitments[0], result));
        b.resultTree = TestTrees.tree(rc);
        registry.markValid(fact(b));
        authenticate(b);
        assertEq(store.getFinalizedTaskResult(commitments[0]), result, "result read back");
        (HdpExecutionStore.TaskStatus status, bytes32 cached) = store.cachedTasksResult(commitments[0]);
        assertTrue(status == HdpExecutionStore.TaskStatus.FINALIZED, "status");
        assertEq(cached, result, "cachedTasksResult");
    }
}
