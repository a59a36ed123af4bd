package dev.hdp.core.bench;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.merkle.StandardMerkleTree;
import dev.hdp.core.task.AggregateFunction;
import dev.hdp.core.task.BlockSampledDatalake;
import dev.hdp.core.task.BlockSampledProperty;
import dev.hdp.core.task.ChainId;
import dev.hdp.core.task.Computation;
import dev.hdp.core.task.Datalake;
import dev.hdp.core.task.DatalakeComputeTask;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Throughput of the task codecs, commitments, Merkle trees and request parsing. Plain timing loops
 * after a warm-up (enough for orders of magnitude; use JMH for fine comparisons).
 */
public final class TaskCodecBench {
  private static final String REQUEST =
      """
      {"destinationChainId": "ETHEREUM_SEPOLIA", "tasks": [{"type": "DatalakeCompute",
        "datalake": {"type": "BlockSampled", "chainId": "ETHEREUM_SEPOLIA",
          "blockRangeStart": 5858987, "blockRangeEnd": 5858997, "increment": 1,
          "sampledProperty": "account.0x7f2c6f930306d3aa736b3a6c6a98f512f74036d4.balance"},
        "compute": {"aggregateFnId": "count",
          "aggregateFnCtx": {"operator": "gt", "valueToCompare": "1000000000000000000"}}}]}
      """;

  private TaskCodecBench() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs every case and prints one table row per case. */
  public static void run(PrintStream out) {
    var datalake =
        new BlockSampledDatalake(
            ChainId.ETHEREUM_SEPOLIA,
            5858987,
            5858997,
            1,
            BlockSampledProperty.parse("header.base_fee_per_gas"));
    var task = new DatalakeComputeTask(datalake, Computation.of(AggregateFunction.AVG));
    byte[] encoded = datalake.encode();
    List<Bytes32> leaves = new ArrayList<>();
    for (int i = 0; i < 1024; i++) {
      leaves.add(UInt256.of(i).toBytes32());
    }
    out.printf("%-44s %14s %12s%n", "hdp-core task codecs", "ops/s", "µs/op");
    row(out, "task commitment (encode + 2 keccak)", () -> task.commitment().get(0));
    row(out, "datalake decode (strict)", () -> Datalake.decode(encoded).chainId().hashCode());
    row(out, "request JSON parse (1 task)", () -> SubmitBatchQuery.parse(REQUEST).tasks().size());
    row(out, "Merkle tree, 1024 leaves (root)", () -> StandardMerkleTree.of(leaves).root().get(0));
    StandardMerkleTree tree = StandardMerkleTree.of(leaves);
    row(
        out,
        "Merkle verify, 1024 leaves (depth 10)",
        () -> StandardMerkleTree.verify(tree.root(), leaves.get(77), tree.proof(77)) ? 1 : 0);
  }

  private static void row(PrintStream out, String name, LongSupplier op) {
    long sink = 0;
    long warmUntil = System.nanoTime() + 300_000_000L;
    while (System.nanoTime() < warmUntil) {
      sink += op.getAsLong();
    }
    long ops = 0;
    long start = System.nanoTime();
    long end = start + 700_000_000L;
    long now;
    do {
      for (int i = 0; i < 16; i++) {
        sink += op.getAsLong();
      }
      ops += 16;
      now = System.nanoTime();
    } while (now < end);
    double seconds = (now - start) / 1e9;
    out.printf(
        "%-44s %14.0f %12.2f%s%n", name, ops / seconds, seconds * 1e6 / ops, sink == 42 ? " " : "");
  }
}
