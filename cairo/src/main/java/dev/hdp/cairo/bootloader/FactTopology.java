package dev.hdp.cairo.bootloader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hdp.cairo.builtins.OutputBuiltinRunner;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a task's output splits into pages and how the pages form the fact's Merkle-like tree ({@code
 * fact_topology.py}): {@code treeStructure} is pairs (pages to push, nodes to merge), {@code
 * pageSizes} the page sizes in words (page 0 first).
 */
public record FactTopology(List<Integer> treeStructure, List<Long> pageSizes) {
  /** The attribute of the output builtin that holds a task's tree structure. */
  public static final String GPS_FACT_TOPOLOGY = "gps_fact_topology";

  /** The largest page, in words, that SHARP accepts for a single-page output. */
  public static final long MAX_PAGE_SIZE = 3800;

  public FactTopology {
    treeStructure = List.copyOf(treeStructure);
    pageSizes = List.copyOf(pageSizes);
    for (int x : treeStructure) {
      if (x < 0) {
        throw new IllegalArgumentException("tree_structure holds a negative value " + x);
      }
    }
    for (long x : pageSizes) {
      if (x < 0) {
        throw new IllegalArgumentException("page_sizes holds a negative value " + x);
      }
    }
  }

  /** One page holding the whole output ({@code FactTopology.trivial}). */
  public static FactTopology trivial(long page0Size) {
    if (page0Size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page size " + page0Size + " exceeds the maximum " + MAX_PAGE_SIZE);
    }
    return new FactTopology(List.of(1, 0), List.of(page0Size));
  }

  /** The output size in words: the sum of the page sizes. */
  public long outputSize() {
    long sum = 0;
    for (long s : pageSizes) {
      sum += s;
    }
    return sum;
  }

  public int nPages() {
    return pageSizes.size();
  }

  public int treeStructureLength() {
    return treeStructure.size();
  }

  /**
   * The topology of an output of {@code outputSize} words from the output builtin's pages (page id
   * to start and size, starts relative to the output's start) and attributes, checked as {@code
   * get_fact_topology_from_additional_data} checks them: without {@code gps_fact_topology} there
   * must be no pages; pages are numbered from 1, adjacent, and end where the output ends.
   */
  public static FactTopology fromOutputData(
      long outputSize,
      Map<Integer, OutputBuiltinRunner.Page> pages,
      Map<String, List<BigInteger>> attributes) {
    List<Integer> tree;
    List<BigInteger> attribute = attributes.get(GPS_FACT_TOPOLOGY);
    if (attribute != null) {
      if (attribute.isEmpty() || attribute.size() % 2 != 0 || attribute.size() > 10) {
        throw invalidTree(attribute);
      }
      tree = new ArrayList<>();
      for (BigInteger x : attribute) {
        if (x.signum() < 0 || x.bitLength() > 30) {
          throw invalidTree(attribute);
        }
        tree.add(x.intValueExact());
      }
    } else {
      if (!pages.isEmpty()) {
        throw new IllegalArgumentException(
            "additional pages cannot be used since the '"
                + GPS_FACT_TOPOLOGY
                + "' attribute is not specified");
      }
      tree = List.of(1, 0);
    }
    return new FactTopology(tree, pageSizes(outputSize, pages));
  }

  /** {@code get_page_sizes_from_page_dict}: page 0 runs up to page 1; the rest are adjacent. */
  private static List<Long> pageSizes(
      long outputSize, Map<Integer, OutputBuiltinRunner.Page> pages) {
    long page0Size = outputSize;
    int expectedId = 1;
    long expectedStart = -1;
    List<Long> sizes = new ArrayList<>();
    sizes.add(0L);
    for (var e : new TreeMap<>(pages).entrySet()) {
      int id = e.getKey();
      long start = e.getValue().start();
      long size = e.getValue().size();
      if (id != expectedId) {
        throw new IllegalArgumentException("expected page id " + expectedId + ", found " + id);
      }
      if (id == 1) {
        if (start <= 0 || start > outputSize) {
          throw new IllegalArgumentException("invalid page start " + start);
        }
        page0Size = start;
      } else if (start != expectedStart) {
        throw new IllegalArgumentException(
            "expected page start " + expectedStart + ", found " + start);
      }
      if (size <= 0 || size > outputSize) {
        throw new IllegalArgumentException("invalid page size " + size);
      }
      sizes.add(size);
      expectedStart = start + size;
      expectedId++;
    }
    if (!pages.isEmpty() && expectedStart != outputSize) {
      throw new IllegalArgumentException(
          "pages must cover the entire program output: they end at "
              + expectedStart
              + ", the output has "
              + outputSize
              + " words");
    }
    sizes.set(0, page0Size);
    return sizes;
  }

  /** {@code {"tree_structure": [...], "page_sizes": [...]}}, as the fact topologies file has it. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    var tree = o.putArray("tree_structure");
    treeStructure.forEach(tree::add);
    var sizes = o.putArray("page_sizes");
    pageSizes.forEach(sizes::add);
    return o;
  }

  /**
   * Reads {@code {"tree_structure": [...], "page_sizes": [...]}} strictly (both fields,
   * non-negative integers, nothing else); {@code where} names the value in messages.
   */
  public static FactTopology fromJson(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new BootloaderInputException(where + ": expected an object");
    }
    JsonFields.checkFields(node, java.util.Set.of("tree_structure", "page_sizes"), where);
    List<Integer> tree = new ArrayList<>();
    for (long x : longs(node.get("tree_structure"), where + ".tree_structure")) {
      if (x > Integer.MAX_VALUE) {
        throw new BootloaderInputException(where + ".tree_structure: value " + x + " is too large");
      }
      tree.add((int) x);
    }
    return new FactTopology(tree, longs(node.get("page_sizes"), where + ".page_sizes"));
  }

  private static List<Long> longs(JsonNode array, String where) {
    if (array == null) {
      throw new BootloaderInputException(where + ": missing field");
    }
    if (!array.isArray()) {
      throw new BootloaderInputException(where + ": expected a list of integers");
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode x = array.get(i);
      if (!x.isIntegralNumber() || !x.canConvertToLong() || x.longValue() < 0) {
        throw new BootloaderInputException(
            where + "[" + i + "]: expected a non-negative integer, got " + x);
      }
      out.add(x.longValue());
    }
    return out;
  }

  private static IllegalArgumentException invalidTree(List<BigInteger> attribute) {
    return new IllegalArgumentException(
        "invalid tree structure " + attribute + " in the '" + GPS_FACT_TOPOLOGY + "' attribute");
  }
}
