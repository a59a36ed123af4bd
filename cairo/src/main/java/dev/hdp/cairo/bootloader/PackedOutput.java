package dev.hdp.cairo.bootloader;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the bootloader unpacks one task's output ({@code PackedOutput} in cairo-lang): a plain task's
 * output is copied as is; a composite task is a Cairo verifier whose verified output (the inner
 * simple bootloader's output) is guessed here and unpacked into its subtasks.
 */
public sealed interface PackedOutput {
  /** The JSON {@code type} of a {@link Plain}. */
  String PLAIN = "PlainPackedOutput";

  /** The JSON {@code type} of a {@link Composite}. */
  String COMPOSITE = "CompositePackedOutput";

  /** A leaf task: its output goes to the bootloader output unchanged. */
  record Plain() implements PackedOutput {}

  /**
   * A verifier task ({@code CompositePackedOutput}).
   *
   * @param outputs the output of the simple bootloader run the verifier verified: number of tasks,
   *     then per task its size, program hash and output
   * @param subtasks how to unpack each of those tasks
   * @param factTopologies the fact topology of each of those tasks
   */
  record Composite(
      List<BigInteger> outputs, List<PackedOutput> subtasks, List<FactTopology> factTopologies)
      implements PackedOutput {
    public Composite {
      outputs = List.copyOf(outputs);
      subtasks = List.copyOf(subtasks);
      factTopologies = List.copyOf(factTopologies);
    }

    /**
     * The words the bootloader guesses as the verified output ({@code elements_for_hash}): the
     * outputs, which the Cairo code compares with the verifier's output.
     */
    public List<BigInteger> elementsForHash() {
      return outputs;
    }

    /**
     * The fact topologies of the plain tasks inside, depth first ({@code
     * get_plain_fact_topologies}): the outputs must be {@code n_tasks} followed by that many {@code
     * [size, program_hash, ...]} records, one per subtask. A plain subtask run by the applicative
     * bootloader loses its header (aggregator hash and config) from its first page, as {@code
     * unpack_plain_packed_task} drops it from the output.
     *
     * @throws IllegalArgumentException if the outputs do not match the subtasks
     */
    public List<FactTopology> plainFactTopologies(BigInteger applicativeBootloaderProgramHash) {
      if (outputs.isEmpty()) {
        throw new IllegalArgumentException("the composite packed output has no outputs");
      }
      if (!outputs.get(0).equals(BigInteger.valueOf(subtasks.size()))) {
        throw new IllegalArgumentException(
            "the outputs hold "
                + outputs.get(0)
                + " tasks but there are "
                + subtasks.size()
                + " subtasks");
      }
      if (factTopologies.size() != subtasks.size()) {
        throw new IllegalArgumentException(
            factTopologies.size() + " fact topologies for " + subtasks.size() + " subtasks");
      }
      List<FactTopology> plain = new ArrayList<>();
      long offset = 1;
      for (int i = 0; i < subtasks.size(); i++) {
        if (offset + 1 >= outputs.size()) {
          throw new IllegalArgumentException("the outputs end before subtask " + i);
        }
        BigInteger size = outputs.get((int) offset);
        BigInteger programHash = outputs.get((int) offset + 1);
        switch (subtasks.get(i)) {
          case Plain p -> {
            FactTopology topology = factTopologies.get(i);
            if (programHash.equals(applicativeBootloaderProgramHash)) {
              List<Long> sizes = new ArrayList<>(topology.pageSizes());
              sizes.set(0, sizes.get(0) - APPLICATIVE_HEADER_SIZE);
              topology = new FactTopology(topology.treeStructure(), sizes);
            }
            plain.add(topology);
          }
          case Composite c -> plain.addAll(c.plainFactTopologies(applicativeBootloaderProgramHash));
        }
        if (size.signum() <= 0 || size.bitLength() > 31) {
          throw new IllegalArgumentException("subtask " + i + " has an invalid size " + size);
        }
        offset += size.longValueExact();
      }
      if (offset != outputs.size()) {
        throw new IllegalArgumentException(
            "the subtask sizes add up to "
                + offset
                + " words but the outputs have "
                + outputs.size());
      }
      return plain;
    }
  }

  /** The applicative bootloader's output header: the aggregator hash and the config. */
  int APPLICATIVE_HEADER_SIZE = 1 + BootloaderConfig.OUTPUT_SIZE;

  /**
   * Parses {@code {"type": "PlainPackedOutput"}} or {@code {"type": "CompositePackedOutput",
   * "outputs": [...], "subtasks": [...], "fact_topologies": [...]}} strictly.
   *
   * @param where the value's name in messages, e.g. {@code packed_outputs[0]}
   */
  static PackedOutput parse(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new BootloaderInputException(where + ": expected a packed output object, got " + node);
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      throw new BootloaderInputException(where + ".type: missing field or not a string");
    }
    return switch (type.asText()) {
      case PLAIN -> {
        JsonFields.checkFields(node, Set.of("type"), where);
        yield new Plain();
      }
      case COMPOSITE -> {
        JsonFields.checkFields(
            node, Set.of("type", "outputs", "subtasks", "fact_topologies"), where);
        List<BigInteger> outputs = JsonFields.felts(node.get("outputs"), where + ".outputs");
        yield new Composite(
            outputs,
            parseList(node.get("subtasks"), where + ".subtasks"),
            topologies(node.get("fact_topologies"), where + ".fact_topologies"));
      }
      default ->
          throw new BootloaderInputException(
              where
                  + ".type: unknown packed output type '"
                  + type.asText()
                  + "' (expected "
                  + PLAIN
                  + " or "
                  + COMPOSITE
                  + ")");
    };
  }

  /** Parses a list of packed outputs. */
  static List<PackedOutput> parseList(JsonNode node, String where) {
    JsonNode array = JsonFields.list(node, where);
    List<PackedOutput> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(parse(array.get(i), where + "[" + i + "]"));
    }
    return out;
  }

  private static List<FactTopology> topologies(JsonNode node, String where) {
    JsonNode array = JsonFields.list(node, where);
    List<FactTopology> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(FactTopology.fromJson(array.get(i), where + "[" + i + "]"));
    }
    return out;
  }
}
