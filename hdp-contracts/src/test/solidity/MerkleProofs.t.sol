// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {TestBase} from "./TestBase.sol";
import {TestTrees} from "./TestTrees.sol";
import {MerkleProofs} from "../../main/solidity/libraries/MerkleProofs.sol";

contract MerkleProofsHarness {
    function verify(bytes32[] calldata proof, bytes32 root, bytes32 value) external pure returns (bool) {
        return MerkleProofs.verify(proof, root, MerkleProofs.standardLeaf(value));
    }
}

/// @notice MerkleProofs against hdp-vectors.md V9 and, fuzzed, against the test-side tree.
contract MerkleProofsTest is TestBase {
    MerkleProofsHarness harness = new MerkleProofsHarness();

    function testV9Roots() public view {
        bytes32[5] memory all = [bytes32(uint256(1)), bytes32(uint256(2)), bytes32(uint256(0x7a)), bytes32(uint256(4)), bytes32(uint256(1))];
        bytes32[5] memory roots = [
            bytes32(0xb5d9d894133a730aa651ef62d26b0ffa846233c74177a591a4a896adfda97d22),
            0xe685571b7e25a4a0391fb8daa09dc8d3fbb3382504525f89a2334fbbf8f8e92c,
            0x22a9fa23ace0a643334709a15031f455653508baac1e2f3aeb34494420d3926d,
            0x04a658c32b0f14901050b3649930b07ccb19e12ee6121c59fae29dbd2639d643,
            0x76a558f4880fd37907a3c306516dcb3e680616d84e8950d8050923bdd6ee51a7
        ];
        for (uint256 n = 1; n <= 5; ++n) {
            bytes32[] memory values = new bytes32[](n);
            for (uint256 i; i < n; ++i) values[i] = all[i];
            bytes32[] memory t = TestTrees.tree(values);
            assertEq(t[0], roots[n - 1], "V9 root");
            for (uint256 i; i < n; ++i) {
                assertTrue(harness.verify(TestTrees.proof(t, i), roots[n - 1], values[i]), "V9 proof verifies");
            }
        }
    }

    function testV9ResultsRootOfOneTask() public pure {
        bytes32 rc = keccak256(abi.encode(bytes32(0), uint256(10)));
        assertEq(rc, 0x13da86008ba1c6922daee3e07db95305ef49ebced9f5467a0b8613fcc6b343e3, "result commitment");
        bytes32[] memory values = new bytes32[](1);
        values[0] = rc;
        assertEq(TestTrees.tree(values)[0], 0xdeddf91dc7d95dba2b7698201b4571eaa5bfec0a9ff4276e836f98e3a40a77e9, "root");
    }

    function testFuzzEveryLeafProvesAndTamperingFails(uint256 seed, uint256 count, uint256 pick, uint256 flip)
        public
        view
    {
        uint256 n = bound(count, 1, 70);
        bytes32[] memory values = new bytes32[](n);
        for (uint256 i; i < n; ++i) values[i] = keccak256(abi.encode(seed, i));
        bytes32[] memory t = TestTrees.tree(values);
        for (uint256 i; i < n; ++i) {
            assertTrue(harness.verify(TestTrees.proof(t, i), t[0], values[i]), "leaf proves");
        }
        uint256 chosen = pick % n;
        bytes32[] memory p = TestTrees.proof(t, chosen);
        assertTrue(!harness.verify(p, t[0], values[chosen] ^ bytes32(uint256(1) << (flip % 256))), "other value fails");
        if (p.length > 0) {
            p[flip % p.length] ^= bytes32(uint256(1) << (seed % 256));
            assertTrue(!harness.verify(p, t[0], values[chosen]), "tampered proof fails");
        }
    }
}
