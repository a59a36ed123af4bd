package dev.hdp.cairo.hints;

import dev.hdp.cairo.bootloader.ApplicativeBootloaderInput;
import dev.hdp.cairo.bootloader.FactTopologies;
import dev.hdp.cairo.bootloader.FactTopology;
import dev.hdp.cairo.bootloader.SimpleBootloaderInput;
import dev.hdp.cairo.builtins.OutputBuiltinRunner;
import dev.hdp.cairo.vm.Relocatable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hints of StarkWare's applicative bootloader ({@code applicative_bootloader.cairo} of
 * cairo-lang 0.14): it runs the aggregator task under the simple bootloader and the other tasks
 * under the bootloader, each with the output builtin moved to its own segment, then outputs the
 * aggregator's result with the aggregator's fact topology.
 *
 * <p>Scope variables, as in cairo-lang: {@code applicative_bootloader_input} (an {@link
 * ApplicativeBootloaderInput}), {@code aggregator_task}, {@code applicative_output_builtin_state},
 * {@code aggregator_fact_topologies} and {@code fact_topology}.
 */
public final class ApplicativeBootloaderHints {
  private ApplicativeBootloaderHints() {}

  static final String PREPARE_AGGREGATOR =
      "from starkware.cairo.bootloaders.applicative_bootloader.objects import (\n"
          + "    ApplicativeBootloaderInput,\n"
          + ")\n"
          + "from starkware.cairo.bootloaders.simple_bootloader.objects import SimpleBootloaderInput\n"
          + "\n"
          + "# Create a segment for the aggregator output.\n"
          + "ids.aggregator_output_ptr = segments.add()\n"
          + "\n"
          + "# Load the applicative bootloader input and the aggregator task.\n"
          + "applicative_bootloader_input = ApplicativeBootloaderInput.Schema().load(program_input)\n"
          + "# TODO(Rei, 01/06/2024): aggregator_task gets use_poseidon from outside? Think about this.\n"
          + "aggregator_task = applicative_bootloader_input.aggregator_task\n"
          + "\n"
          + "# Create the simple bootloader input.\n"
          + "simple_bootloader_input = SimpleBootloaderInput(\n"
          + "    tasks=[aggregator_task], fact_topologies_path=None, single_page=True\n"
          + ")\n"
          + "\n"
          + "# Change output builtin state to a different segment in preparation for running the\n"
          + "# aggregator task.\n"
          + "applicative_output_builtin_state = output_builtin.get_state()\n"
          + "output_builtin.new_state(base=ids.aggregator_output_ptr)";
  static final String PREPARE_BOOTLOADER =
      "from starkware.cairo.bootloaders.bootloader.objects import BootloaderInput\n"
          + "\n"
          + "# Save the aggregator's fact_topologies before running the bootloader.\n"
          + "aggregator_fact_topologies = fact_topologies\n"
          + "fact_topologies = []\n"
          + "\n"
          + "# Create a segment for the bootloader output.\n"
          + "ids.bootloader_output_ptr = segments.add()\n"
          + "\n"
          + "# Create the bootloader input.\n"
          + "bootloader_input = BootloaderInput(\n"
          + "    tasks=applicative_bootloader_input.tasks,\n"
          + "    fact_topologies_path=None,\n"
          + "    bootloader_config=applicative_bootloader_input.bootloader_config,\n"
          + "    packed_outputs=applicative_bootloader_input.packed_outputs,\n"
          + "    single_page=True,\n"
          + ")\n"
          + "\n"
          + "# Change output builtin state to a different segment in preparation for running the\n"
          + "# bootloader.\n"
          + "output_builtin.new_state(base=ids.bootloader_output_ptr)";
  static final String RESTORE_APPLICATIVE_OUTPUT_STATE =
      "# Restore the output builtin state.\n"
          + "output_builtin.set_state(applicative_output_builtin_state)";
  static final String FINALIZE_FACT_TOPOLOGIES =
      "from starkware.cairo.bootloaders.fact_topology import GPS_FACT_TOPOLOGY, FactTopology\n"
          + "from starkware.cairo.bootloaders.simple_bootloader.utils import (\n"
          + "    add_consecutive_output_pages,\n"
          + "    write_to_fact_topologies_file,\n"
          + ")\n"
          + "\n"
          + "assert len(aggregator_fact_topologies) == 1\n"
          + "# Subtract the bootloader output length from the first page's length. Note that the\n"
          + "# bootloader output is always fully contained in the first page.\n"
          + "original_first_page_length = aggregator_fact_topologies[0].page_sizes[0]\n"
          + "# The header contains the program hash and bootloader config.\n"
          + "header_size = 1 + ids.BOOTLOADER_CONFIG_SIZE\n"
          + "first_page_length = (\n"
          + "    original_first_page_length - ids.bootloader_tasks_output_length + header_size\n"
          + ")\n"
          + "\n"
          + "# Update the first page's length to account for the removed bootloader output, and the\n"
          + "# added program hash and bootloader config.\n"
          + "fact_topology = FactTopology(\n"
          + "    tree_structure=aggregator_fact_topologies[0].tree_structure,\n"
          + "    page_sizes=[first_page_length] + aggregator_fact_topologies[0].page_sizes[1:]\n"
          + ")\n"
          + "output_builtin.add_attribute(\n"
          + "    attribute_name=GPS_FACT_TOPOLOGY,\n"
          + "    attribute_value=aggregator_fact_topologies[0].tree_structure\n"
          + ")\n"
          + "\n"
          + "# Configure the memory pages in the output builtin, based on plain_fact_topologies.\n"
          + "add_consecutive_output_pages(\n"
          + "    page_sizes=fact_topology.page_sizes[1:],\n"
          + "    output_builtin=output_builtin,\n"
          + "    cur_page_id=1,\n"
          + "    output_start=ids.output_start + fact_topology.page_sizes[0],\n"
          + ")\n"
          + "\n"
          + "# Dump fact topologies to a json file.\n"
          + "if applicative_bootloader_input.fact_topologies_path is not None:\n"
          + "    write_to_fact_topologies_file(\n"
          + "        fact_topologies_path=applicative_bootloader_input.fact_topologies_path,\n"
          + "        fact_topologies=[fact_topology],\n"
          + "    )";

  /** Registers the applicative bootloader's hints. */
  public static void registerAll(HintProcessor p) {
    p.register(PREPARE_AGGREGATOR, ApplicativeBootloaderHints::prepareAggregator);
    p.register(PREPARE_BOOTLOADER, ApplicativeBootloaderHints::prepareBootloader);
    p.register(
        RESTORE_APPLICATIVE_OUTPUT_STATE,
        c -> BootloaderHints.restoreOutputState(c, "applicative_output_builtin_state"));
    p.register(FINALIZE_FACT_TOPOLOGIES, ApplicativeBootloaderHints::finalizeFactTopologies);
  }

  private static ApplicativeBootloaderInput input(HintContext c) {
    if (!(c.scopes().require("applicative_bootloader_input")
        instanceof ApplicativeBootloaderInput in)) {
      throw new HintException("applicative_bootloader_input is not an ApplicativeBootloaderInput");
    }
    return in;
  }

  /**
   * Parses the input, makes the aggregator task the simple bootloader's only task (one page, no
   * fact topologies file) and moves the output builtin to a new segment for its output.
   */
  private static void prepareAggregator(HintContext c) {
    Relocatable segment = c.addSegment();
    c.setIds("aggregator_output_ptr", segment);
    ApplicativeBootloaderInput in =
        SimpleBootloaderHints.parseInput(
            () ->
                ApplicativeBootloaderInput.parse(
                    c.programInput(), SimpleBootloaderHints.taskDirectory(c.environment())));
    c.scopes().set("applicative_bootloader_input", in);
    c.scopes().set("aggregator_task", in.aggregatorTask());
    c.scopes()
        .set(
            "simple_bootloader_input",
            new SimpleBootloaderInput(List.of(in.aggregatorTask()), Optional.empty(), true));
    OutputBuiltinRunner output = SimpleBootloaderHints.outputBuiltin(c);
    c.scopes().set("applicative_output_builtin_state", output.getState());
    output.newState(segment);
  }

  /**
   * Keeps the aggregator's fact topologies, builds the bootloader's input from the other tasks (one
   * page, no fact topologies file) and moves the output builtin to a new segment for its output.
   */
  private static void prepareBootloader(HintContext c) {
    c.scopes().set("aggregator_fact_topologies", c.scopes().require("fact_topologies"));
    c.scopes().set("fact_topologies", new ArrayList<FactTopology>());
    Relocatable segment = c.addSegment();
    c.setIds("bootloader_output_ptr", segment);
    ApplicativeBootloaderInput in = input(c);
    c.scopes()
        .set(
            "bootloader_input",
            in.bootloaderInput()
                .withSimpleBootloaderInput(
                    new SimpleBootloaderInput(
                        in.bootloaderInput().simpleBootloaderInput().tasks(),
                        Optional.empty(),
                        true)));
    SimpleBootloaderHints.outputBuiltin(c).newState(segment);
  }

  /**
   * The applicative bootloader's output is the aggregator's output with the bootloader's task
   * outputs replaced by a header (aggregator hash and config): its first page shrinks or grows
   * accordingly, the other pages and the tree structure stay the aggregator's.
   */
  @SuppressWarnings("unchecked") // the list SimpleBootloaderHints put in the scope
  private static void finalizeFactTopologies(HintContext c) {
    List<FactTopology> aggregator =
        (List<FactTopology>) c.scopes().require("aggregator_fact_topologies");
    if (aggregator.size() != 1) {
      throw new HintException(
          "expected the aggregator's one fact topology, got " + aggregator.size());
    }
    FactTopology original = aggregator.get(0);
    long headerSize = 1 + c.idsInt("BOOTLOADER_CONFIG_SIZE").longValueExact();
    long tasksOutputLength = c.idsInt("bootloader_tasks_output_length").longValueExact();
    List<Long> pageSizes = new ArrayList<>(original.pageSizes());
    pageSizes.set(0, pageSizes.get(0) - tasksOutputLength + headerSize);
    FactTopology topology;
    try {
      topology = new FactTopology(original.treeStructure(), pageSizes);
    } catch (IllegalArgumentException e) {
      throw new HintException("the applicative bootloader's first page: " + e.getMessage(), e);
    }
    c.scopes().set("fact_topology", topology);
    OutputBuiltinRunner output = SimpleBootloaderHints.outputBuiltin(c);
    output.addAttribute(
        FactTopology.GPS_FACT_TOPOLOGY,
        topology.treeStructure().stream().map(BigInteger::valueOf).toList());
    FactTopologies.addConsecutiveOutputPages(
        pageSizes.subList(1, pageSizes.size()),
        output,
        1,
        c.idsPtr("output_start").add(pageSizes.get(0)));
    input(c)
        .bootloaderInput()
        .simpleBootloaderInput()
        .factTopologiesPath()
        .ifPresent(path -> FactTopologies.writeFile(path, List.of(topology)));
  }
}
