// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {TestBase} from "./TestBase.sol";
import {TestTrees} from "./TestTrees.sol";
import {HeadersAccumulator} from "../../main/solidity/HeadersAccumulator.sol";
import {HeaderRlp} from "../../main/solidity/libraries/HeaderRlp.sol";

/// @notice The accumulator's roots against the reference MMR, from blockhash() and from headers.
contract HeadersAccumulatorTest is TestBase {
    HeadersAccumulator acc = new HeadersAccumulator();

    function fakeHash(uint256 n) private pure returns (bytes32) {
        return keccak256(abi.encode("block", n));
    }

    function setHashes(uint256 from, uint256 to) private {
        for (uint256 n = from; n <= to; ++n) vm.setBlockhash(n, fakeHash(n));
    }

    function testFuzzAppendsInChunksMatchReferenceMmr(uint256 seed, uint256 total) public {
        uint256 count = bound(total, 1, 200);
        vm.roll(250);
        setHashes(10, 249);
        uint256 id = acc.createMmr(10);
        bytes32[] memory leaves = new bytes32[](count);
        for (uint256 i; i < count; ++i) leaves[i] = fakeHash(10 + i);
        uint256 done;
        while (done < count) {
            uint256 chunk = bound(uint256(keccak256(abi.encode(seed, done))), 1, count - done);
            (uint256 size, bytes32 root) = acc.appendFromBlockhash(id, chunk);
            done += chunk;
            bytes32[] memory prefix = new bytes32[](done);
            for (uint256 i; i < done; ++i) prefix[i] = leaves[i];
            (uint256 refSize, bytes32 refRoot) = TestTrees.mmr(prefix);
            assertEq(size, refSize, "size");
            assertEq(root, refRoot, "root");
            assertEq(acc.rootAt(id, size), refRoot, "root kept by size");
        }
        (uint256 firstBlock, uint256 leafCount, uint256 nextBlock,,) = acc.mmrInfo(id);
        assertEq(firstBlock, 10, "first block");
        assertEq(leafCount, count, "leaf count");
        assertEq(nextBlock, 10 + count, "next block");
    }

    function testOneLeafRootIsSizeOneOverTheLeaf() public {
        vm.roll(50);
        setHashes(40, 40);
        uint256 id = acc.createMmr(40);
        (uint256 size, bytes32 root) = acc.appendFromBlockhash(id, 1);
        assertEq(size, 1, "size");
        assertEq(root, keccak256(abi.encodePacked(uint256(1), fakeHash(40))), "root");
    }

    function testThreeLeavesByHand() public {
        vm.roll(50);
        setHashes(1, 3);
        uint256 id = acc.createMmr(1);
        (uint256 size, bytes32 root) = acc.appendFromBlockhash(id, 3);
        bytes32 peak0 = keccak256(abi.encodePacked(fakeHash(1), fakeHash(2)));
        bytes32 bag = keccak256(abi.encodePacked(peak0, fakeHash(3)));
        assertEq(size, 4, "size of 3 leaves");
        assertEq(root, keccak256(abi.encodePacked(uint256(4), bag)), "root");
    }

    function testRefusesBlocksOutsideBlockhashReach() public {
        vm.roll(400);
        uint256 id = acc.createMmr(100);
        vm.expectRevert(abi.encodeWithSelector(HeadersAccumulator.BlockhashUnavailable.selector, 100));
        acc.appendFromBlockhash(id, 1);
        uint256 recent = acc.createMmr(399);
        vm.expectRevert(abi.encodeWithSelector(HeadersAccumulator.FutureBlock.selector, 400));
        acc.appendFromBlockhash(recent, 2);
    }

    // ---------------------------------------------------------------- headers

    function rlpString(bytes memory s) private pure returns (bytes memory) {
        if (s.length == 1 && uint8(s[0]) < 0x80) return s;
        if (s.length <= 55) return bytes.concat(bytes1(uint8(0x80 + s.length)), s);
        return bytes.concat(bytes1(0xb9), bytes2(uint16(s.length)), s);
    }

    function rlpUint(uint256 v) private pure returns (bytes memory) {
        if (v == 0) return hex"80";
        uint256 len;
        for (uint256 x = v; x != 0; x >>= 8) ++len;
        bytes memory b = new bytes(len);
        for (uint256 i; i < len; ++i) b[len - 1 - i] = bytes1(uint8(v >> (8 * i)));
        return rlpString(b);
    }

    /// @dev A header with the post-Cancun field list; only parentHash and number matter here.
    function header(bytes32 parent, uint256 number) private pure returns (bytes memory) {
        bytes32 filler = keccak256(abi.encode(number));
        bytes memory payload = bytes.concat(
            rlpString(abi.encodePacked(parent)),
            rlpString(abi.encodePacked(filler)),
            rlpString(abi.encodePacked(bytes20(filler))),
            rlpString(abi.encodePacked(filler)),
            rlpString(abi.encodePacked(filler)),
            rlpString(abi.encodePacked(filler)),
            rlpString(new bytes(256)),
            rlpUint(0),
            rlpUint(number)
        );
        payload = bytes.concat(
            payload, rlpUint(30_000_000), rlpUint(21_000), rlpUint(1_700_000_000 + number), rlpString(""),
            rlpString(abi.encodePacked(filler)), rlpString(hex"0000000000000000"), rlpUint(7)
        );
        return bytes.concat(bytes1(0xf9), bytes2(uint16(payload.length)), payload);
    }

    function chain(uint256 from, uint256 to) private pure returns (bytes[] memory headers) {
        headers = new bytes[](to - from + 1);
        bytes32 parent = keccak256("genesis-ish");
        for (uint256 n = from; n <= to; ++n) {
            headers[n - from] = header(parent, n);
            parent = keccak256(headers[n - from]);
        }
    }

    function testParsesParentHashAndNumber() public view {
        bytes memory h = header(bytes32(uint256(0xabc)), 1234567);
        (bytes32 parent, uint256 number) = this.parse(h);
        assertEq(parent, bytes32(uint256(0xabc)), "parent hash");
        assertEq(number, 1234567, "number");
    }

    function parse(bytes calldata h) external pure returns (bytes32, uint256) {
        return HeaderRlp.parentHashAndNumber(h);
    }

    function testFuzzMalformedHeadersRevert(uint256 cut) public {
        bytes memory h = header(bytes32(uint256(1)), 99);
        uint256 len = bound(cut, 0, h.length - 1);
        bytes memory truncated = new bytes(len);
        for (uint256 i; i < len; ++i) truncated[i] = h[i];
        (bool ok,) = address(this).call(abi.encodeCall(this.parse, (truncated)));
        assertTrue(!ok, "a truncated header is refused");
    }

    function testAppendsOldBlocksFromHeadersAnchoredByBlockhash() public {
        vm.roll(300); // reach: 44..299
        bytes[] memory headers = chain(10, 50);
        vm.setBlockhash(50, keccak256(headers[40]));
        uint256 id = acc.createMmr(10);
        (uint256 size, bytes32 root) = acc.appendFromHeaders(id, headers, 30); // blocks 10..39
        bytes32[] memory leaves = new bytes32[](30);
        for (uint256 i; i < 30; ++i) leaves[i] = keccak256(headers[i]);
        (uint256 refSize, bytes32 refRoot) = TestTrees.mmr(leaves);
        assertEq(size, refSize, "size");
        assertEq(root, refRoot, "root");
        // then the rest, the last one anchored directly
        bytes[] memory rest = new bytes[](11);
        for (uint256 i; i < 11; ++i) rest[i] = headers[30 + i];
        (size, root) = acc.appendFromHeaders(id, rest, 11);
        leaves = new bytes32[](41);
        for (uint256 i; i < 41; ++i) leaves[i] = keccak256(headers[i]);
        (refSize, refRoot) = TestTrees.mmr(leaves);
        assertEq(root, refRoot, "root after the second append");
    }

    function testRefusesUnanchoredOrBrokenChains() public {
        vm.roll(300);
        bytes[] memory headers = chain(10, 50);
        uint256 id = acc.createMmr(10);
        vm.setBlockhash(50, keccak256("something else"));
        vm.expectRevert(abi.encodeWithSelector(HeadersAccumulator.UnanchoredHeaders.selector, 50));
        acc.appendFromHeaders(id, headers, 5);

        vm.setBlockhash(50, keccak256(headers[40]));
        headers[7] = header(keccak256("forged parent"), 17);
        vm.expectRevert(abi.encodeWithSelector(HeadersAccumulator.BrokenParentChain.selector, 7));
        acc.appendFromHeaders(id, headers, 5);

        bytes[] memory late = chain(11, 50);
        vm.expectRevert(abi.encodeWithSelector(HeadersAccumulator.NotNextBlock.selector, 10, 11));
        acc.appendFromHeaders(id, late, 1);
    }
}
