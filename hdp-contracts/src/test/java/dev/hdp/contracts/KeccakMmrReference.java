package dev.hdp.contracts;

import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The Keccak MMR of hdp.md §6.4 built by positions, the way an off-chain indexer does (nodes in a
 * 1-based list, peaks found by walking the heights), to check the contract's peak-by-height code.
 * TODO(lead): compare with hdp-core's Keccak MMR (dev.hdp.core.mmr) once merged.
 */
final class KeccakMmrReference {
  private final List<byte[]> nodes = new ArrayList<>(); // nodes.get(p - 1) is position p
  private long leaves;

  void append(byte[] leaf) {
    nodes.add(leaf);
    long height = 0;
    long count = leaves;
    while ((count & 1) == 1) { // merge while the new subtree has a left sibling of equal height
      int size = nodes.size();
      int rightPos = size; // 1-based position of the current top
      int leftPos = rightPos - (int) ((1L << (height + 1)) - 1);
      nodes.add(Hash.sha3(concat(nodes.get(leftPos - 1), nodes.get(rightPos - 1))));
      count >>= 1;
      height++;
    }
    leaves++;
  }

  long size() {
    return nodes.size();
  }

  byte[] root() {
    List<byte[]> peaks = new ArrayList<>();
    long position = 0;
    for (int h = 63; h >= 0; h--) { // peaks left to right: perfect trees of 2^h leaves
      if ((leaves >> h & 1) == 1) {
        position += (1L << (h + 1)) - 1;
        peaks.add(nodes.get((int) position - 1));
      }
    }
    byte[] bag = peaks.get(peaks.size() - 1);
    for (int i = peaks.size() - 2; i >= 0; i--) bag = Hash.sha3(concat(peaks.get(i), bag));
    return Hash.sha3(concat(Numeric.toBytesPadded(java.math.BigInteger.valueOf(size()), 32), bag));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
