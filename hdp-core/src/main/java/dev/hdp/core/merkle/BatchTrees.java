package dev.hdp.core.merkle;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.bytes.UInt256;
import java.util.ArrayList;
import java.util.List;

/**
 * The two trees of a batch: tasks (leaves = task commitments, in task order) and results (leaves =
 * {@code keccak256(taskCommitment ‖ be32(result))}, in the same order) (hdp.md §4.2).
 */
public record BatchTrees(StandardMerkleTree tasks, StandardMerkleTree results) {
  /** Builds both trees; the lists pair up by index. */
  public static BatchTrees of(List<Bytes32> taskCommitments, List<UInt256> results) {
    if (taskCommitments.size() != results.size()) {
      throw new IllegalArgumentException(
          taskCommitments.size() + " task commitments but " + results.size() + " results");
    }
    List<Bytes32> resultCommitments = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      resultCommitments.add(resultCommitment(taskCommitments.get(i), results.get(i)));
    }
    return new BatchTrees(
        StandardMerkleTree.of(taskCommitments), StandardMerkleTree.of(resultCommitments));
  }

  /**
   * A result's commitment: {@code keccak256(abi.encode(bytes32 taskCommitment, uint256 result))}.
   */
  public static Bytes32 resultCommitment(Bytes32 taskCommitment, UInt256 result) {
    return Keccak256.hash(taskCommitment.toArray(), result.toBytes32().toArray());
  }

  public Bytes32 tasksRoot() {
    return tasks.root();
  }

  public Bytes32 resultsRoot() {
    return results.root();
  }
}
