package dev.hdp.contracts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.merkle.BatchTrees;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/** The bench's small batch builder gives hdp-core's roots and proofs. */
class BenchBatchTest {
  @Test
  void rootsAndProofsEqualHdpCoresBatchTrees() {
    for (int n : new int[] {1, 2, 3, 5, 8, 13, 64}) {
      List<byte[]> commitments = new ArrayList<>();
      List<byte[]> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        commitments.add(Hash.sha3(("task " + n + " " + i).getBytes(StandardCharsets.UTF_8)));
        results.add(Hash.sha3(("result " + n + " " + i).getBytes(StandardCharsets.UTF_8)));
      }
      BenchBatch ours = BenchBatch.of(commitments, results);
      BatchTrees core =
          BatchTrees.of(
              commitments.stream().map(Bytes32::of).toList(),
              results.stream().map(UInt256::fromBytes).toList());
      assertEquals(core.tasksRoot(), Bytes32.of(ours.tasksRoot()), n + " tasks: tasks root");
      assertEquals(core.resultsRoot(), Bytes32.of(ours.resultsRoot()), n + " tasks: results root");
      for (int i = 0; i < n; i++) {
        assertEquals(core.tasks().proof(i), bytes32(ours.taskProofs().get(i)), "task proof " + i);
        assertEquals(
            core.results().proof(i), bytes32(ours.resultProofs().get(i)), "result proof " + i);
      }
    }
  }

  private static List<Bytes32> bytes32(List<byte[]> values) {
    return values.stream().map(Bytes32::of).toList();
  }
}
