// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IFactsRegistry} from "./interfaces/IFactsRegistry.sol";
import {IHeadersAccumulator} from "./interfaces/IHeadersAccumulator.sol";
import {MerkleProofs} from "./libraries/MerkleProofs.sol";
import {Roles} from "./libraries/Roles.sol";
import {
    BlockSampledDatalake,
    TransactionsInBlockDatalake,
    ComputationalTask,
    TaskCodecs
} from "./libraries/TaskCodecs.sol";

/// @title HdpExecutionStore
/// @notice Schedules HDP Gen2 tasks and stores their results once a Cairo fact proves them.
///
/// A batch is proven by the fact keccak256(programHash ‖ keccak256(output)) of the HDP program whose
/// output words are (Gen2 layout):
///     [resultsRootLow, resultsRootHigh, tasksRootLow, tasksRootHigh, (mmrId, mmrSize, chainId, mmrRoot)…]
/// where chainId is this chain's id and mmrRoot is the root cached here for (mmrId, mmrSize) from
/// the HeadersAccumulator. Tasks and results are leaves of two StandardMerkleTrees (MerkleProofs).
///
/// Two ways to finalize a proven batch:
///  - authenticateTaskExecution (Herodotus' API): every task's result is checked against the roots
///    and stored, one storage write per task;
///  - authenticateBatchRoots: only the results root is stored (one write per batch); a reader proves
///    its task's result against it with verifyTaskResultInBatch, or copies it into the per-task store
///    with finalizeTaskFromBatch.
///
/// Task state is one storage word per task commitment, so that finalizing a scheduled task is a
/// single nonzero-to-nonzero write: 0 = NONE, 1 = SCHEDULED, 2 = FINALIZED with the result kept in
/// `overflowResults`, any other value v = FINALIZED with result v ^ RESULT_MASK. The three results
/// that would collide with 0, 1 and 2 (RESULT_MASK, ^1, ^2) take the overflow path.
contract HdpExecutionStore is Roles {
    enum TaskStatus {
        NONE,
        SCHEDULED,
        FINALIZED
    }

    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    uint256 private constant SLOT_SCHEDULED = 1;
    uint256 private constant SLOT_OVERFLOW = 2;
    uint256 private constant RESULT_MASK = uint256(keccak256("hdp.HdpExecutionStore.result-mask"));

    IFactsRegistry public immutable FACTS_REGISTRY;
    IHeadersAccumulator public immutable HEADERS_ACCUMULATOR;

    /// @notice Hash of the HDP Cairo program whose facts are accepted.
    bytes32 public programHash;

    /// @notice mmrId => mmrSize => root, copied from the accumulator by cacheMmrRoot.
    mapping(uint256 mmrId => mapping(uint256 mmrSize => bytes32 root)) public cachedMMRsRoots;

    /// @notice resultsRoot => tasksRoot of the batches finalized by authenticateBatchRoots.
    mapping(bytes32 resultsRoot => bytes32 tasksRoot) public finalizedBatches;

    mapping(bytes32 taskCommitment => uint256 word) private taskWords;
    mapping(bytes32 taskCommitment => bytes32 result) private overflowResults;

    event MmrRootCached(uint256 mmrId, uint256 mmrSize, bytes32 mmrRoot);
    event TaskWithBlockSampledDatalakeScheduled(BlockSampledDatalake datalake, ComputationalTask task);
    event TaskWithTransactionsInBlockDatalakeScheduled(TransactionsInBlockDatalake datalake, ComputationalTask task);
    event ProgramHashChanged(bytes32 previousProgramHash, bytes32 newProgramHash);
    event TaskExecutionsAuthenticated(bytes32 tasksRoot, bytes32 resultsRoot, uint256 taskCount);
    event BatchRootsFinalized(bytes32 tasksRoot, bytes32 resultsRoot);

    error DoubleRegistration(bytes32 taskCommitment);
    error InvalidFact(bytes32 fact);
    error MmrRootNotCached(uint256 mmrId, uint256 mmrSize);
    error MmrRootUnknown(uint256 mmrId, uint256 mmrSize);
    error RootHalfOutOfRange();
    error LengthMismatch();
    error TaskNotInBatch(bytes32 taskCommitment);
    error ResultNotInBatch(bytes32 taskCommitment);
    error BatchNotFinalized(bytes32 resultsRoot);
    error NotFinalized(bytes32 taskCommitment);

    constructor(
        address admin,
        address operator,
        IFactsRegistry factsRegistry,
        IHeadersAccumulator headersAccumulator,
        bytes32 initialProgramHash
    ) {
        FACTS_REGISTRY = factsRegistry;
        HEADERS_ACCUMULATOR = headersAccumulator;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
        programHash = initialProgramHash;
        emit ProgramHashChanged(bytes32(0), initialProgramHash);
    }

    // ------------------------------------------------------------------ requests

    function requestExecutionOfTaskWithBlockSampledDatalake(
        BlockSampledDatalake calldata datalake,
        ComputationalTask calldata task
    ) external {
        _schedule(TaskCodecs.commit(task, TaskCodecs.commit(datalake)));
        emit TaskWithBlockSampledDatalakeScheduled(datalake, task);
    }

    function requestExecutionOfTaskWithTransactionsInBlockDatalake(
        TransactionsInBlockDatalake calldata datalake,
        ComputationalTask calldata task
    ) external {
        _schedule(TaskCodecs.commit(task, TaskCodecs.commit(datalake)));
        emit TaskWithTransactionsInBlockDatalakeScheduled(datalake, task);
    }

    function _schedule(bytes32 taskCommitment) private {
        if (taskWords[taskCommitment] != 0) revert DoubleRegistration(taskCommitment);
        taskWords[taskCommitment] = SLOT_SCHEDULED;
    }

    // ------------------------------------------------------------------ MMR roots

    /// @notice Caches the accumulator's current root of MMR `mmrId`.
    function cacheMmrRoot(uint256 mmrId) external returns (uint256 mmrSize, bytes32 root) {
        (mmrSize, root) = HEADERS_ACCUMULATOR.latestRoot(mmrId);
        _cacheRoot(mmrId, mmrSize, root);
    }

    /// @notice Caches the root MMR `mmrId` had at size `mmrSize`.
    function cacheMmrRootAt(uint256 mmrId, uint256 mmrSize) external returns (bytes32 root) {
        root = HEADERS_ACCUMULATOR.rootAt(mmrId, mmrSize);
        _cacheRoot(mmrId, mmrSize, root);
    }

    function _cacheRoot(uint256 mmrId, uint256 mmrSize, bytes32 root) private {
        if (root == bytes32(0)) revert MmrRootUnknown(mmrId, mmrSize);
        cachedMMRsRoots[mmrId][mmrSize] = root;
        emit MmrRootCached(mmrId, mmrSize, root);
    }

    function loadMmrRoot(uint256 mmrId, uint256 mmrSize) public view returns (bytes32) {
        return cachedMMRsRoots[mmrId][mmrSize];
    }

    // ------------------------------------------------------------------ program hash

    /// @notice Rotates the accepted HDP program hash (a new program build).
    function setProgramHash(bytes32 newProgramHash) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit ProgramHashChanged(programHash, newProgramHash);
        programHash = newProgramHash;
    }

    // ------------------------------------------------------------------ finalization

    /// @notice Finalizes every listed task of a proven batch: checks the fact, each task against the
    ///         tasks root and each result against the results root, and stores the results.
    function authenticateTaskExecution(
        uint256[] calldata mmrIds,
        uint256[] calldata mmrSizes,
        uint256 taskMerkleRootLow,
        uint256 taskMerkleRootHigh,
        uint256 resultMerkleRootLow,
        uint256 resultMerkleRootHigh,
        bytes32[][] calldata tasksInclusionProofs,
        bytes32[][] calldata resultsInclusionProofs,
        bytes32[] calldata taskCommitments,
        bytes32[] calldata taskResults
    ) external onlyRole(OPERATOR_ROLE) {
        (bytes32 tasksRoot, bytes32 resultsRoot) = _requireProvenBatch(
            mmrIds, mmrSizes, taskMerkleRootLow, taskMerkleRootHigh, resultMerkleRootLow, resultMerkleRootHigh
        );
        uint256 n = taskCommitments.length;
        if (taskResults.length != n || tasksInclusionProofs.length != n || resultsInclusionProofs.length != n) {
            revert LengthMismatch();
        }
        for (uint256 i; i < n; ++i) {
            bytes32 taskCommitment = taskCommitments[i];
            if (!MerkleProofs.verify(tasksInclusionProofs[i], tasksRoot, MerkleProofs.standardLeaf(taskCommitment))) {
                revert TaskNotInBatch(taskCommitment);
            }
            bytes32 result = taskResults[i];
            bytes32 resultLeaf = MerkleProofs.standardLeaf(TaskCodecs.resultCommitment(taskCommitment, result));
            if (!MerkleProofs.verify(resultsInclusionProofs[i], resultsRoot, resultLeaf)) {
                revert ResultNotInBatch(taskCommitment);
            }
            _storeResult(taskCommitment, result);
        }
        emit TaskExecutionsAuthenticated(tasksRoot, resultsRoot, n);
    }

    /// @notice Finalizes a proven batch by its roots alone: one write, whatever the number of tasks.
    function authenticateBatchRoots(
        uint256[] calldata mmrIds,
        uint256[] calldata mmrSizes,
        uint256 taskMerkleRootLow,
        uint256 taskMerkleRootHigh,
        uint256 resultMerkleRootLow,
        uint256 resultMerkleRootHigh
    ) external onlyRole(OPERATOR_ROLE) {
        (bytes32 tasksRoot, bytes32 resultsRoot) = _requireProvenBatch(
            mmrIds, mmrSizes, taskMerkleRootLow, taskMerkleRootHigh, resultMerkleRootLow, resultMerkleRootHigh
        );
        finalizedBatches[resultsRoot] = tasksRoot;
        emit BatchRootsFinalized(tasksRoot, resultsRoot);
    }

    /// @return true when `taskResult` is the proven result of `taskCommitment` in the batch with
    ///         results root `resultsRoot` finalized by authenticateBatchRoots. The result commitment
    ///         binds the task commitment, so the results tree alone decides.
    function verifyTaskResultInBatch(
        bytes32 resultsRoot,
        bytes32 taskCommitment,
        bytes32 taskResult,
        bytes32[] calldata resultInclusionProof
    ) public view returns (bool) {
        if (finalizedBatches[resultsRoot] == bytes32(0)) return false;
        bytes32 leaf = MerkleProofs.standardLeaf(TaskCodecs.resultCommitment(taskCommitment, taskResult));
        return MerkleProofs.verify(resultInclusionProof, resultsRoot, leaf);
    }

    /// @notice Copies a result proven in a root-finalized batch into the per-task store (anyone may).
    function finalizeTaskFromBatch(
        bytes32 resultsRoot,
        bytes32 taskCommitment,
        bytes32 taskResult,
        bytes32[] calldata resultInclusionProof
    ) external {
        if (finalizedBatches[resultsRoot] == bytes32(0)) revert BatchNotFinalized(resultsRoot);
        if (!verifyTaskResultInBatch(resultsRoot, taskCommitment, taskResult, resultInclusionProof)) {
            revert ResultNotInBatch(taskCommitment);
        }
        _storeResult(taskCommitment, taskResult);
    }

    /// @dev Rebuilds the Gen2 program output, checks its fact, and returns the two roots.
    function _requireProvenBatch(
        uint256[] calldata mmrIds,
        uint256[] calldata mmrSizes,
        uint256 taskMerkleRootLow,
        uint256 taskMerkleRootHigh,
        uint256 resultMerkleRootLow,
        uint256 resultMerkleRootHigh
    ) private view returns (bytes32 tasksRoot, bytes32 resultsRoot) {
        if ((taskMerkleRootLow | taskMerkleRootHigh | resultMerkleRootLow | resultMerkleRootHigh) >> 128 != 0) {
            revert RootHalfOutOfRange();
        }
        uint256 m = mmrIds.length;
        if (mmrSizes.length != m) revert LengthMismatch();
        uint256[] memory output = new uint256[](4 + 4 * m);
        output[0] = resultMerkleRootLow;
        output[1] = resultMerkleRootHigh;
        output[2] = taskMerkleRootLow;
        output[3] = taskMerkleRootHigh;
        for (uint256 j; j < m; ++j) {
            uint256 mmrId = mmrIds[j];
            uint256 mmrSize = mmrSizes[j];
            bytes32 mmrRoot = cachedMMRsRoots[mmrId][mmrSize];
            if (mmrRoot == bytes32(0)) revert MmrRootNotCached(mmrId, mmrSize);
            output[4 + 4 * j] = mmrId;
            output[5 + 4 * j] = mmrSize;
            output[6 + 4 * j] = block.chainid;
            output[7 + 4 * j] = uint256(mmrRoot);
        }
        bytes32 fact = keccak256(abi.encode(programHash, keccak256(abi.encodePacked(output))));
        if (!FACTS_REGISTRY.isValid(fact)) revert InvalidFact(fact);
        tasksRoot = bytes32((taskMerkleRootHigh << 128) | taskMerkleRootLow);
        resultsRoot = bytes32((resultMerkleRootHigh << 128) | resultMerkleRootLow);
    }

    function _storeResult(bytes32 taskCommitment, bytes32 result) private {
        uint256 word = uint256(result) ^ RESULT_MASK;
        if (word <= SLOT_OVERFLOW) {
            overflowResults[taskCommitment] = result;
            word = SLOT_OVERFLOW;
        }
        taskWords[taskCommitment] = word;
    }

    // ------------------------------------------------------------------ reads

    function getTaskStatus(bytes32 taskCommitment) public view returns (TaskStatus) {
        uint256 word = taskWords[taskCommitment];
        if (word == 0) return TaskStatus.NONE;
        if (word == SLOT_SCHEDULED) return TaskStatus.SCHEDULED;
        return TaskStatus.FINALIZED;
    }

    function getFinalizedTaskResult(bytes32 taskCommitment) external view returns (bytes32) {
        uint256 word = taskWords[taskCommitment];
        if (word <= SLOT_SCHEDULED) revert NotFinalized(taskCommitment);
        if (word == SLOT_OVERFLOW) return overflowResults[taskCommitment];
        return bytes32(word ^ RESULT_MASK);
    }

    /// @notice Herodotus' getter shape: (status, result), result zero unless FINALIZED.
    function cachedTasksResult(bytes32 taskCommitment) external view returns (TaskStatus status, bytes32 result) {
        uint256 word = taskWords[taskCommitment];
        status = getTaskStatus(taskCommitment);
        if (word == SLOT_OVERFLOW) result = overflowResults[taskCommitment];
        else if (word > SLOT_OVERFLOW) result = bytes32(word ^ RESULT_MASK);
    }

    /// @return StandardMerkleTree's leaf for one bytes32 (as Herodotus' contract exposes it).
    function standardLeafHash(bytes32 value) external pure returns (bytes32) {
        return MerkleProofs.standardLeaf(value);
    }
}
