package dev.hdp.cairo.pie;

import dev.hdp.cairo.crypto.Felt252;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/**
 * The fact SHARP registers for a run: {@code keccak(program_hash ‖ output_root)}, where the output
 * root is the Merkle-like hash of the output pages that {@code gps_fact_topology} describes (a
 * single page hashes to {@code keccak(output)}).
 */
public final class Fact {
  private Fact() {}

  /** {@code keccak256} of the values as 32-byte big-endian words. */
  public static BigInteger keccakInts(List<BigInteger> values) {
    Keccak.Digest256 digest = new Keccak.Digest256();
    for (BigInteger v : values) {
      digest.update(be32(v));
    }
    return new BigInteger(1, digest.digest());
  }

  static byte[] be32(BigInteger v) {
    if (v.signum() < 0 || v.bitLength() > 256) {
      throw new IllegalArgumentException("not a uint256: " + v);
    }
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  /** Page sizes: page 0 up to page 1's start, then each page (pages must tile the output). */
  static List<Long> pageSizes(long outputSize, Map<Integer, long[]> pages) {
    TreeMap<Integer, long[]> sorted = new TreeMap<>(pages);
    long page0 = outputSize;
    int expectedId = 1;
    Long expectedStart = null;
    List<Long> sizes = new ArrayList<>();
    for (var e : sorted.entrySet()) {
      if (e.getKey() != expectedId) {
        throw new PieFormatException(
            "output pages must be numbered from 1 without gaps, found " + e.getKey());
      }
      long start = e.getValue()[0];
      long size = e.getValue()[1];
      if (expectedId == 1) {
        page0 = start;
      } else if (start != expectedStart) {
        throw new PieFormatException(
            "output page " + e.getKey() + " starts at " + start + ", expected " + expectedStart);
      }
      expectedStart = start + size;
      expectedId++;
      sizes.add(size);
    }
    if (!sorted.isEmpty() && expectedStart != outputSize) {
      throw new PieFormatException("output pages must cover the entire program output");
    }
    sizes.addFirst(page0);
    return sizes;
  }

  /** The output root for the given topology. */
  public static BigInteger outputRoot(
      List<BigInteger> output, List<Long> pageSizes, List<BigInteger> treeStructure) {
    if (treeStructure.size() % 2 != 0) {
      throw new PieFormatException("gps_fact_topology must have an even length");
    }
    Deque<BigInteger[]> stack = new ArrayDeque<>();
    int nextPage = 0;
    long offset = 0;
    for (int i = 0; i < treeStructure.size(); i += 2) {
      int nPages = treeStructure.get(i).intValueExact();
      int nNodes = treeStructure.get(i + 1).intValueExact();
      for (int k = 0; k < nPages; k++) {
        if (nextPage >= pageSizes.size()) {
          throw new PieFormatException("gps_fact_topology names more pages than exist");
        }
        long size = pageSizes.get(nextPage++);
        if (offset + size > output.size()) {
          throw new PieFormatException("output pages exceed the output");
        }
        BigInteger h = keccakInts(output.subList((int) offset, (int) (offset + size)));
        offset += size;
        stack.push(new BigInteger[] {h, BigInteger.valueOf(offset)});
      }
      if (nNodes > 0) {
        if (nNodes > stack.size()) {
          throw new PieFormatException("gps_fact_topology merges more nodes than exist");
        }
        List<BigInteger[]> children = new ArrayList<>();
        for (int k = 0; k < nNodes; k++) {
          children.addFirst(stack.pop());
        }
        List<BigInteger> data = new ArrayList<>();
        for (BigInteger[] c : children) {
          data.add(c[0]);
          data.add(c[1]);
        }
        BigInteger h = keccakInts(data).add(BigInteger.ONE).mod(BigInteger.ONE.shiftLeft(256));
        stack.push(new BigInteger[] {h, children.getLast()[1]});
      }
    }
    if (stack.size() != 1 || nextPage != pageSizes.size() || offset != output.size()) {
      throw new PieFormatException("gps_fact_topology does not describe the output as one tree");
    }
    return stack.pop()[0];
  }

  /** The fact for a program hash, its output and the output builtin's pages and attributes. */
  public static BigInteger fact(
      Felt252 programHash,
      List<BigInteger> output,
      Map<Integer, long[]> pages,
      List<BigInteger> gpsFactTopology) {
    List<Long> sizes;
    List<BigInteger> tree;
    if (gpsFactTopology == null) {
      if (!pages.isEmpty()) {
        // cairo-lang refuses this too: without the attribute the pages have no tree to hash in.
        // A bootloader run is the usual case: it pages each task's output and its facts are the
        // tasks' own, listed in the fact topologies file it writes.
        throw new PieFormatException(
            "output pages without a gps_fact_topology attribute: the output has no single fact"
                + " (a bootloader run's facts are per task, see its fact_topologies_path file)");
      }
      sizes = List.of((long) output.size());
      tree = List.of(BigInteger.ONE, BigInteger.ZERO);
    } else {
      sizes = pageSizes(output.size(), pages);
      tree = gpsFactTopology;
    }
    BigInteger root = outputRoot(output, sizes, tree);
    return keccakInts(List.of(programHash.toBigInteger(), root));
  }

  /** The fact of a PIE (program hash by Pedersen). */
  public static BigInteger of(CairoPie pie) {
    Felt252 programHash = dev.hdp.cairo.program.ProgramHash.pedersen(pie.metadata().program());
    return fact(programHash, pie.output(), pages(pie), topology(pie));
  }

  @SuppressWarnings("unchecked") // JSON structures from additional_data.json
  static Map<Integer, long[]> pages(CairoPie pie) {
    Map<Integer, long[]> out = new TreeMap<>();
    Object pages = pie.outputBuiltinData().get("pages");
    if (pages instanceof Map<?, ?> m) {
      for (var e : ((Map<Object, Object>) m).entrySet()) {
        List<Object> l = (List<Object>) e.getValue();
        out.put(
            Integer.parseInt(e.getKey().toString()),
            new long[] {((Number) l.get(0)).longValue(), ((Number) l.get(1)).longValue()});
      }
    }
    return out;
  }

  static List<BigInteger> topology(CairoPie pie) {
    Object attrs = pie.outputBuiltinData().get("attributes");
    if (attrs instanceof Map<?, ?> m && m.get("gps_fact_topology") instanceof List<?> l) {
      return l.stream().map(o -> new BigInteger(o.toString())).toList();
    }
    return null;
  }
}
