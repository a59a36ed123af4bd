// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IHeadersAccumulator} from "./interfaces/IHeadersAccumulator.sol";
import {HeaderRlp} from "./libraries/HeaderRlp.sol";

/// @title HeadersAccumulator
/// @notice Keccak Merkle Mountain Ranges of the block hashes of the chain this contract lives on.
///         Anyone may create an MMR starting at any block and append to it, in block order, with no
///         trust in the caller: hashes come from blockhash() (the last 256 blocks) or from RLP headers
///         whose parent-hash chain ends at a block whose hash blockhash() returns.
///
/// The MMR (the same as hdp-core's Keccak MMR, and Herodotus' keccak accumulator):
///  - leaf i is the hash of block firstBlock + i, used as is (not hashed again);
///  - nodes take 1-based positions in insertion order (grin/mimblewimble layout); size = node count
///    = 2·leaves − popcount(leaves);
///  - parent = keccak256(left ‖ right);
///  - peaks are the roots of the perfect subtrees, left (highest) to right (lowest); they are bagged
///    from the right: bag = p[n−1]; for i = n−2 … 0: bag = keccak256(p[i] ‖ bag);
///  - root = keccak256(be32(size) ‖ bag). An empty MMR has no root (zero).
/// The peak of height h exists when bit h of the leaf count is set; it is stored by height.
contract HeadersAccumulator is IHeadersAccumulator {
    struct MmrState {
        uint64 firstBlock;
        uint64 leafCount;
        bool exists;
    }

    uint256 public mmrCount;
    mapping(uint256 mmrId => MmrState) private states;
    mapping(uint256 mmrId => bytes32[64]) private peaksByHeight;
    mapping(uint256 mmrId => mapping(uint256 mmrSize => bytes32 root)) private roots;

    event MmrCreated(uint256 indexed mmrId, uint256 firstBlock, address creator);
    event BlocksAppended(uint256 indexed mmrId, uint256 fromBlock, uint256 toBlock, uint256 mmrSize, bytes32 mmrRoot);

    error UnknownMmr(uint256 mmrId);
    error FutureBlock(uint256 blockNumber);
    error BlockhashUnavailable(uint256 blockNumber);
    error NothingToAppend();
    error NotNextBlock(uint256 expected, uint256 given);
    error BrokenParentChain(uint256 index);
    error UnanchoredHeaders(uint256 lastBlock);

    /// @notice Starts an empty MMR whose first leaf will be block `firstBlock`.
    function createMmr(uint256 firstBlock) external returns (uint256 mmrId) {
        if (firstBlock >= block.number) revert FutureBlock(firstBlock);
        mmrId = ++mmrCount;
        states[mmrId] = MmrState({firstBlock: uint64(firstBlock), leafCount: 0, exists: true});
        emit MmrCreated(mmrId, firstBlock, msg.sender);
    }

    /// @notice Appends the next `count` blocks, read with blockhash(); all must be among the last 256.
    function appendFromBlockhash(uint256 mmrId, uint256 count) external returns (uint256 mmrSize, bytes32 root) {
        if (count == 0) revert NothingToAppend();
        MmrState memory state = _state(mmrId);
        uint256 from = uint256(state.firstBlock) + state.leafCount;
        bytes32[] memory leaves = new bytes32[](count);
        for (uint256 i; i < count; ++i) {
            uint256 n = from + i;
            if (n >= block.number) revert FutureBlock(n);
            bytes32 h = blockhash(n);
            if (h == bytes32(0)) revert BlockhashUnavailable(n);
            leaves[i] = h;
        }
        return _append(mmrId, state, leaves);
    }

    /// @notice Appends the blocks of the first `appendCount` of `headers` (RLP, consecutive, oldest
    ///         first, the first being the MMR's next block). The rest of `headers` only extends the
    ///         parent-hash chain up to its last header, whose hash blockhash() must return.
    function appendFromHeaders(uint256 mmrId, bytes[] calldata headers, uint256 appendCount)
        external
        returns (uint256 mmrSize, bytes32 root)
    {
        if (appendCount == 0 || appendCount > headers.length) revert NothingToAppend();
        MmrState memory state = _state(mmrId);
        uint256 expected = uint256(state.firstBlock) + state.leafCount;
        (, uint256 firstNumber) = HeaderRlp.parentHashAndNumber(headers[0]);
        if (firstNumber != expected) revert NotNextBlock(expected, firstNumber);
        bytes32[] memory leaves = new bytes32[](appendCount);
        bytes32 previous = keccak256(headers[0]);
        leaves[0] = previous;
        for (uint256 i = 1; i < headers.length; ++i) {
            (bytes32 parentHash,) = HeaderRlp.parentHashAndNumber(headers[i]);
            if (parentHash != previous) revert BrokenParentChain(i);
            previous = keccak256(headers[i]);
            if (i < appendCount) leaves[i] = previous;
        }
        uint256 lastNumber = firstNumber + headers.length - 1;
        if (lastNumber >= block.number || blockhash(lastNumber) != previous) revert UnanchoredHeaders(lastNumber);
        return _append(mmrId, state, leaves);
    }

    function _state(uint256 mmrId) private view returns (MmrState memory state) {
        state = states[mmrId];
        if (!state.exists) revert UnknownMmr(mmrId);
    }

    function _append(uint256 mmrId, MmrState memory state, bytes32[] memory leaves)
        private
        returns (uint256 mmrSize, bytes32 root)
    {
        bytes32[64] storage stored = peaksByHeight[mmrId];
        bytes32[64] memory peaks;
        uint256 count = state.leafCount;
        for (uint256 bits = count; bits != 0; bits &= bits - 1) {
            uint256 h = _lowestBit(bits);
            peaks[h] = stored[h];
        }
        uint256 written;
        for (uint256 i; i < leaves.length; ++i) {
            bytes32 node = leaves[i];
            uint256 h;
            while ((count >> h) & 1 == 1) {
                node = _hashPair(peaks[h], node);
                ++h;
            }
            peaks[h] = node;
            written |= 1 << h;
            ++count;
        }
        for (uint256 bits = written & count; bits != 0; bits &= bits - 1) {
            uint256 h = _lowestBit(bits);
            stored[h] = peaks[h];
        }
        mmrSize = 2 * count - _popcount(count);
        root = _root(peaks, count, mmrSize);
        states[mmrId].leafCount = uint64(count);
        roots[mmrId][mmrSize] = root;
        uint256 toBlock = uint256(state.firstBlock) + count - 1;
        emit BlocksAppended(mmrId, toBlock + 1 - leaves.length, toBlock, mmrSize, root);
    }

    function _root(bytes32[64] memory peaks, uint256 count, uint256 mmrSize) private pure returns (bytes32) {
        uint256 bits = count;
        bytes32 bag = peaks[_lowestBit(bits)];
        for (bits &= bits - 1; bits != 0; bits &= bits - 1) {
            bag = _hashPair(peaks[_lowestBit(bits)], bag);
        }
        return _hashPair(bytes32(mmrSize), bag);
    }

    function _hashPair(bytes32 left, bytes32 right) private pure returns (bytes32 h) {
        assembly ("memory-safe") {
            mstore(0x00, left)
            mstore(0x20, right)
            h := keccak256(0x00, 0x40)
        }
    }

    function _lowestBit(uint256 x) private pure returns (uint256 h) {
        x &= ~x + 1;
        while (x > 1) {
            x >>= 1;
            ++h;
        }
    }

    function _popcount(uint256 x) private pure returns (uint256 c) {
        for (; x != 0; x &= x - 1) ++c;
    }

    // ------------------------------------------------------------------ reads

    /// @inheritdoc IHeadersAccumulator
    function rootAt(uint256 mmrId, uint256 mmrSize) external view returns (bytes32) {
        return roots[mmrId][mmrSize];
    }

    /// @inheritdoc IHeadersAccumulator
    function latestRoot(uint256 mmrId) external view returns (uint256 mmrSize, bytes32 root) {
        uint256 count = _state(mmrId).leafCount;
        mmrSize = 2 * count - _popcount(count);
        root = roots[mmrId][mmrSize];
    }

    /// @return firstBlock the block of leaf 0, leafCount the number of blocks appended, nextBlock
    ///         the block to append next, mmrSize and root the current size and root.
    function mmrInfo(uint256 mmrId)
        external
        view
        returns (uint256 firstBlock, uint256 leafCount, uint256 nextBlock, uint256 mmrSize, bytes32 root)
    {
        MmrState memory state = _state(mmrId);
        firstBlock = state.firstBlock;
        leafCount = state.leafCount;
        nextBlock = firstBlock + leafCount;
        mmrSize = 2 * leafCount - _popcount(leafCount);
        root = roots[mmrId][mmrSize];
    }
}
