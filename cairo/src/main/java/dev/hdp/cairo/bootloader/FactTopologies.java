package dev.hdp.cairo.bootloader;

import dev.hdp.cairo.builtins.OutputBuiltinRunner;
import dev.hdp.cairo.vm.Relocatable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bootloaders' handling of fact topologies after the tasks ran ({@code
 * compute_fact_topologies}, {@code configure_fact_topologies}, {@code add_consecutive_output_pages}
 * and {@code write_to_fact_topologies_file} of cairo-lang's bootloader utilities).
 */
public final class FactTopologies {
  private FactTopologies() {}

  /** The words the bootloader writes before each plain task's output: size and program hash. */
  public static final int TASK_HEADER_SIZE = 2;

  /**
   * The fact topologies of the plain tasks, in output order: a plain packed output keeps its task's
   * topology, a composite one is replaced by its plain subtasks' topologies ({@link
   * PackedOutput.Composite#plainFactTopologies}).
   *
   * @throws IllegalArgumentException if the lists differ in length or a composite output is
   *     inconsistent
   */
  public static List<FactTopology> computePlain(
      List<PackedOutput> packedOutputs,
      List<FactTopology> factTopologies,
      BigInteger applicativeBootloaderProgramHash) {
    if (packedOutputs.size() != factTopologies.size()) {
      throw new IllegalArgumentException(
          packedOutputs.size()
              + " packed outputs but "
              + factTopologies.size()
              + " fact topologies");
    }
    List<FactTopology> plain = new ArrayList<>();
    for (int i = 0; i < packedOutputs.size(); i++) {
      switch (packedOutputs.get(i)) {
        case PackedOutput.Plain p -> plain.add(factTopologies.get(i));
        case PackedOutput.Composite c ->
            plain.addAll(c.plainFactTopologies(applicativeBootloaderProgramHash));
      }
    }
    return plain;
  }

  /**
   * Adds one page per size, numbered from {@code firstPageId}, back to back from {@code
   * outputStart}; returns the number of pages added.
   */
  public static int addConsecutiveOutputPages(
      List<Long> pageSizes, OutputBuiltinRunner output, int firstPageId, Relocatable outputStart) {
    long offset = 0;
    for (int i = 0; i < pageSizes.size(); i++) {
      output.addPage(firstPageId + i, outputStart.add(offset), pageSizes.get(i));
      offset += pageSizes.get(i);
    }
    return pageSizes.size();
  }

  /**
   * Adds the pages of the tasks' topologies to the output builtin: from {@code outputStart} (the
   * first task's header), each task skips its two header words and adds its pages, numbered on from
   * page 1 (page 0 is the bootloader's own output and the headers).
   */
  public static void configure(
      List<FactTopology> topologies, Relocatable outputStart, OutputBuiltinRunner output) {
    int pageId = 1;
    Relocatable at = outputStart;
    for (FactTopology topology : topologies) {
      at = at.add(TASK_HEADER_SIZE);
      pageId += addConsecutiveOutputPages(topology.pageSizes(), output, pageId, at);
      at = at.add(topology.outputSize());
    }
  }

  /**
   * Writes {@code {"fact_topologies": [...]}} as cairo-lang does ({@code json.dump} with {@code
   * indent=4} and sorted keys, then a newline); hand-written so the file matches byte for byte.
   */
  public static void writeFile(Path path, List<FactTopology> topologies) {
    StringBuilder s = new StringBuilder("{\n    \"fact_topologies\": ");
    if (topologies.isEmpty()) {
      s.append("[]");
    } else {
      s.append("[\n");
      for (int i = 0; i < topologies.size(); i++) {
        FactTopology t = topologies.get(i);
        s.append("        {\n            \"page_sizes\": ");
        appendList(s, t.pageSizes(), "            ");
        s.append(",\n            \"tree_structure\": ");
        appendList(s, t.treeStructure(), "            ");
        s.append("\n        }").append(i + 1 < topologies.size() ? ",\n" : "\n");
      }
      s.append("    ]");
    }
    s.append("\n}\n");
    try {
      Files.writeString(path, s, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the fact topologies to " + path, e);
    }
  }

  private static void appendList(StringBuilder s, List<? extends Number> values, String indent) {
    if (values.isEmpty()) {
      s.append("[]");
      return;
    }
    s.append("[\n");
    for (int i = 0; i < values.size(); i++) {
      s.append(indent).append("    ").append(values.get(i));
      s.append(i + 1 < values.size() ? ",\n" : "\n");
    }
    s.append(indent).append("]");
  }
}
