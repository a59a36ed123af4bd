package dev.hdp.contracts.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * A batch of task commitments and results with their StandardMerkleTree roots and proofs, the shape
 * {@code authenticateTaskExecution} takes. Kept here, small, so the bench depends on nothing but
 * web3j; the project's tree lives in hdp-core.
 */
record BenchBatch(
    List<byte[]> commitments,
    List<byte[]> results,
    byte[] tasksRoot,
    byte[] resultsRoot,
    List<List<byte[]>> taskProofs,
    List<List<byte[]>> resultProofs) {
  private static final BigInteger LOW_MASK = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  static BenchBatch of(List<byte[]> commitments, List<byte[]> results) {
    List<byte[]> resultCommitments = new ArrayList<>();
    for (int i = 0; i < commitments.size(); i++) {
      resultCommitments.add(Hash.sha3(concat(commitments.get(i), results.get(i))));
    }
    byte[][] taskTree = tree(commitments);
    byte[][] resultTree = tree(resultCommitments);
    List<List<byte[]>> taskProofs = new ArrayList<>();
    List<List<byte[]>> resultProofs = new ArrayList<>();
    for (int i = 0; i < commitments.size(); i++) {
      taskProofs.add(proof(taskTree, i));
      resultProofs.add(proof(resultTree, i));
    }
    return new BenchBatch(
        commitments, results, taskTree[0], resultTree[0], taskProofs, resultProofs);
  }

  /** OpenZeppelin StandardMerkleTree array layout, leaves in input order. */
  private static byte[][] tree(List<byte[]> values) {
    int n = values.size();
    byte[][] t = new byte[2 * n - 1][];
    for (int i = 0; i < n; i++) t[2 * n - 2 - i] = Hash.sha3(Hash.sha3(values.get(i)));
    for (int i = n - 2; i >= 0; i--) t[i] = pair(t[2 * i + 1], t[2 * i + 2]);
    return t;
  }

  private static List<byte[]> proof(byte[][] t, int leafIndex) {
    List<byte[]> proof = new ArrayList<>();
    for (int i = t.length - 1 - leafIndex; i > 0; i = (i - 1) / 2) {
      proof.add(t[i % 2 == 1 ? i + 1 : i - 1]);
    }
    return proof;
  }

  private static byte[] pair(byte[] a, byte[] b) {
    return new BigInteger(1, a).compareTo(new BigInteger(1, b)) < 0
        ? Hash.sha3(concat(a, b))
        : Hash.sha3(concat(b, a));
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) length += p.length;
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static BigInteger low(byte[] root) {
    return new BigInteger(1, root).and(LOW_MASK);
  }

  static BigInteger high(byte[] root) {
    return new BigInteger(1, root).shiftRight(128);
  }
}
