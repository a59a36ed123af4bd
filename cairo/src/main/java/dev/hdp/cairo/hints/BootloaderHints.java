package dev.hdp.cairo.hints;

import dev.hdp.cairo.bootloader.BootloaderInput;
import dev.hdp.cairo.bootloader.FactTopologies;
import dev.hdp.cairo.bootloader.FactTopology;
import dev.hdp.cairo.bootloader.PackedOutput;
import dev.hdp.cairo.builtins.OutputBuiltinRunner;
import dev.hdp.cairo.vm.Relocatable;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Hints of StarkWare's bootloaders that are not the simple bootloader's task loop: builtin
 * selection, the non-negativity check, the program-address sanity check, and the bootloader's outer
 * layer ({@code bootloader.cairo} and {@code run_bootloader.cairo} of cairo-lang 0.14): its input,
 * its config, the output builtin states around the simple bootloader, unpacking packed outputs and
 * the final fact topologies.
 *
 * <p>Scope variables, as in cairo-lang: {@code bootloader_input} (a {@link BootloaderInput}),
 * {@code output_builtin_state}, {@code output_start}, {@code packed_outputs} (a {@code
 * List<PackedOutput>}), {@code packed_output} and {@code plain_fact_topologies}.
 */
public final class BootloaderHints {
  private BootloaderHints() {}

  static final String INNER_SELECT_BUILTINS =
      "# A builtin should be selected iff its encoding appears in the selected encodings list\n"
          + "# and the list wasn't exhausted.\n"
          + "# Note that testing inclusion by a single comparison is possible since the lists are"
          + " sorted.\n"
          + "ids.select_builtin = int(\n"
          + "  n_selected_builtins > 0 and memory[ids.selected_encodings] =="
          + " memory[ids.all_encodings])\n"
          + "if ids.select_builtin:\n"
          + "  n_selected_builtins = n_selected_builtins - 1";
  static final String SELECT_INPUT_BUILTINS_ENTER =
      "vm_enter_scope({'n_selected_builtins': ids.n_selected_builtins})";
  static final String VERIFY_NON_NEGATIVE_HALF =
      "memory[ap] = to_felt_or_relocatable(ids.num // 2)";
  static final String PROGRAM_ADDRESS_SANITY_CHECK =
      "# Sanity check.\nassert ids.program_address == program_address";

  static final String PREPARE_SIMPLE_BOOTLOADER_OUTPUT_SEGMENT =
      "ids.simple_bootloader_output_start = segments.add()\n"
          + "\n"
          + "# Change output builtin state to a different segment in preparation for calling the\n"
          + "# simple bootloader.\n"
          + "output_builtin_state = output_builtin.get_state()\n"
          + "output_builtin.new_state(base=ids.simple_bootloader_output_start)";
  static final String SIMPLE_BOOTLOADER_INPUT_FROM_BOOTLOADER_INPUT =
      "simple_bootloader_input = bootloader_input";
  static final String RESTORE_BOOTLOADER_OUTPUT_STATE =
      "# Restore the bootloader's output builtin state.\n"
          + "output_builtin.set_state(output_builtin_state)";
  static final String LOAD_BOOTLOADER_CONFIG =
      "from starkware.cairo.bootloaders.bootloader.objects import BootloaderConfig\n"
          + "\n"
          + "bootloader_config: BootloaderConfig = bootloader_input.bootloader_config\n"
          + "\n"
          + "ids.bootloader_config = segments.gen_arg(\n"
          + "    [\n"
          + "        len(bootloader_config.supported_simple_bootloader_hash_list),\n"
          + "        bootloader_config.supported_simple_bootloader_hash_list,\n"
          + "        len(bootloader_config.supported_cairo_verifier_program_hashes),\n"
          + "        bootloader_config.supported_cairo_verifier_program_hashes,\n"
          + "        bootloader_config.applicative_bootloader_program_hash,\n"
          + "    ],\n"
          + ")";
  static final String SAVE_OUTPUT_START = "output_start = ids.output_ptr";
  static final String SAVE_PACKED_OUTPUTS = "packed_outputs = bootloader_input.packed_outputs";
  static final String ENTER_PACKED_OUTPUT_SCOPE =
      "from starkware.cairo.bootloaders.bootloader.objects import PackedOutput\n"
          + "\n"
          + "task_id = len(packed_outputs) - ids.n_subtasks\n"
          + "packed_output: PackedOutput = packed_outputs[task_id]\n"
          + "\n"
          + "vm_enter_scope(new_scope_locals=dict(packed_output=packed_output))";
  static final String IMPORT_PACKED_OUTPUT_SCHEMAS =
      "from starkware.cairo.bootloaders.bootloader.objects import (\n"
          + "    CompositePackedOutput,\n"
          + "    PlainPackedOutput,\n"
          + ")";
  static final String IS_PLAIN_PACKED_OUTPUT =
      "memory[ap] = to_felt_or_relocatable(isinstance(packed_output, PlainPackedOutput))";
  static final String ASSERT_COMPOSITE_PACKED_OUTPUT =
      "assert isinstance(packed_output, CompositePackedOutput)";
  static final String GUESS_SUBTASKS_OUTPUT =
      "data = packed_output.elements_for_hash()\n"
          + "ids.nested_subtasks_output_len = len(data)\n"
          + "ids.nested_subtasks_output = segments.gen_arg(data)";
  static final String SET_PACKED_OUTPUTS_TO_SUBTASKS = "packed_outputs = packed_output.subtasks";
  static final String LOAD_BOOTLOADER_INPUT =
      "from starkware.cairo.bootloaders.bootloader.objects import BootloaderInput\n"
          + "bootloader_input = BootloaderInput.Schema().load(program_input)";
  static final String COMPUTE_AND_CONFIGURE_FACT_TOPOLOGIES =
      "from typing import List\n"
          + "\n"
          + "from starkware.cairo.bootloaders.bootloader.utils import compute_fact_topologies\n"
          + "from starkware.cairo.bootloaders.fact_topology import FactTopology\n"
          + "from starkware.cairo.bootloaders.simple_bootloader.utils import (\n"
          + "    configure_fact_topologies,\n"
          + "    write_to_fact_topologies_file,\n"
          + ")\n"
          + "\n"
          + "# Compute the fact topologies of the plain packed outputs based on packed_outputs and\n"
          + "# fact_topologies of the inner tasks.\n"
          + "plain_fact_topologies: List[FactTopology] = compute_fact_topologies(\n"
          + "    packed_outputs=packed_outputs, fact_topologies=fact_topologies,\n"
          + ")\n"
          + "\n"
          + "# Configure the memory pages in the output builtin, based on plain_fact_topologies.\n"
          + "configure_fact_topologies(\n"
          + "    fact_topologies=plain_fact_topologies, output_start=output_start,\n"
          + "    output_builtin=output_builtin,\n"
          + ")\n"
          + "\n"
          + "# Dump fact topologies to a json file.\n"
          + "if bootloader_input.fact_topologies_path is not None:\n"
          + "    write_to_fact_topologies_file(\n"
          + "        fact_topologies_path=bootloader_input.fact_topologies_path,\n"
          + "        fact_topologies=plain_fact_topologies,\n"
          + "    )";

  /** Registers the bootloader hints. */
  public static void registerAll(HintProcessor p) {
    p.register(
        SELECT_INPUT_BUILTINS_ENTER,
        c -> c.enterScope(Map.of("n_selected_builtins", c.idsInt("n_selected_builtins"))));
    p.register(INNER_SELECT_BUILTINS, BootloaderHints::innerSelectBuiltins);
    p.register(VERIFY_NON_NEGATIVE_HALF, c -> c.insertAtAp(c.idsInt("num").shiftRight(1)));
    p.register(PROGRAM_ADDRESS_SANITY_CHECK, BootloaderHints::checkProgramAddress);
    p.register(LOAD_BOOTLOADER_INPUT, BootloaderHints::loadInput);
    p.register(PREPARE_SIMPLE_BOOTLOADER_OUTPUT_SEGMENT, BootloaderHints::prepareOutputSegment);
    p.register(
        SIMPLE_BOOTLOADER_INPUT_FROM_BOOTLOADER_INPUT,
        c -> c.scopes().set("simple_bootloader_input", input(c).simpleBootloaderInput()));
    p.register(RESTORE_BOOTLOADER_OUTPUT_STATE, c -> restoreOutputState(c, "output_builtin_state"));
    p.register(
        LOAD_BOOTLOADER_CONFIG,
        c -> c.setIds("bootloader_config", c.genArg(input(c).bootloaderConfig().cairoStruct())));
    p.register(SAVE_OUTPUT_START, c -> c.scopes().set("output_start", c.idsPtr("output_ptr")));
    p.register(
        SAVE_PACKED_OUTPUTS, c -> c.scopes().set("packed_outputs", input(c).packedOutputs()));
    p.register(ENTER_PACKED_OUTPUT_SCOPE, BootloaderHints::enterPackedOutputScope);
    p.register(IMPORT_PACKED_OUTPUT_SCHEMAS, c -> {});
    p.register(
        IS_PLAIN_PACKED_OUTPUT,
        c ->
            c.insertAtAp(
                packedOutput(c) instanceof PackedOutput.Plain ? BigInteger.ONE : BigInteger.ZERO));
    p.register(ASSERT_COMPOSITE_PACKED_OUTPUT, BootloaderHints::compositeOutput);
    p.register(GUESS_SUBTASKS_OUTPUT, BootloaderHints::guessSubtasksOutput);
    p.register(
        SET_PACKED_OUTPUTS_TO_SUBTASKS,
        c -> c.scopes().set("packed_outputs", compositeOutput(c).subtasks()));
    p.register(COMPUTE_AND_CONFIGURE_FACT_TOPOLOGIES, BootloaderHints::computeFactTopologies);
  }

  /** {@code bootloader_input = BootloaderInput.Schema().load(program_input)}. */
  private static void loadInput(HintContext c) {
    c.scopes()
        .set(
            "bootloader_input",
            SimpleBootloaderHints.parseInput(
                () ->
                    BootloaderInput.parse(
                        c.programInput(), SimpleBootloaderHints.taskDirectory(c.environment()))));
  }

  static BootloaderInput input(HintContext c) {
    if (!(c.scopes().require("bootloader_input") instanceof BootloaderInput in)) {
      throw new HintException("bootloader_input is not a BootloaderInput");
    }
    return in;
  }

  /**
   * Gives the simple bootloader a new output segment and moves the output builtin's state there, so
   * its tasks' pages count from it; the bootloader's own state is saved.
   */
  private static void prepareOutputSegment(HintContext c) {
    Relocatable segment = c.addSegment();
    c.setIds("simple_bootloader_output_start", segment);
    OutputBuiltinRunner output = SimpleBootloaderHints.outputBuiltin(c);
    c.scopes().set("output_builtin_state", output.getState());
    output.newState(segment);
  }

  /** {@code output_builtin.set_state(<variable>)}. */
  static void restoreOutputState(HintContext c, String variable) {
    if (!(c.scopes().require(variable) instanceof OutputBuiltinRunner.State state)) {
      throw new HintException(variable + " is not an output builtin state");
    }
    SimpleBootloaderHints.outputBuiltin(c).setState(state);
  }

  @SuppressWarnings("unchecked") // the list this class put in the scope
  private static List<PackedOutput> packedOutputs(HintContext c) {
    if (!(c.scopes().require("packed_outputs") instanceof List<?> list)) {
      throw new HintException("packed_outputs is not a list");
    }
    return (List<PackedOutput>) list;
  }

  /** Picks {@code packed_outputs[len(packed_outputs) - n_subtasks]} into a new scope. */
  private static void enterPackedOutputScope(HintContext c) {
    List<PackedOutput> packed = packedOutputs(c);
    BigInteger nSubtasks = c.idsInt("n_subtasks");
    // Python would wrap a negative index around; a count beyond the list is an inconsistent input.
    if (nSubtasks.signum() <= 0 || nSubtasks.compareTo(BigInteger.valueOf(packed.size())) > 0) {
      throw new HintException(
          "the task output announces "
              + nSubtasks
              + " subtasks left but there are "
              + packed.size()
              + " packed outputs");
    }
    int taskId = packed.size() - nSubtasks.intValueExact();
    PackedOutput packedOutput = packed.get(taskId);
    c.scopes().set("task_id", taskId);
    c.scopes().set("packed_output", packedOutput);
    c.enterScope(Map.of("packed_output", packedOutput));
  }

  private static PackedOutput packedOutput(HintContext c) {
    if (!(c.scopes().require("packed_output") instanceof PackedOutput p)) {
      throw new HintException("packed_output is not a packed output");
    }
    return p;
  }

  private static PackedOutput.Composite compositeOutput(HintContext c) {
    if (!(packedOutput(c) instanceof PackedOutput.Composite composite)) {
      throw new HintException("packed_output is not a CompositePackedOutput");
    }
    return composite;
  }

  /** Writes the composite task's guessed inner output to a new segment. */
  private static void guessSubtasksOutput(HintContext c) {
    List<BigInteger> data = compositeOutput(c).elementsForHash();
    c.setIds("nested_subtasks_output_len", data.size());
    c.setIds("nested_subtasks_output", c.genArg(data));
  }

  /**
   * The plain tasks' fact topologies become output pages after the bootloader's header, and go to
   * the fact topologies file if the input names one.
   */
  @SuppressWarnings("unchecked") // the list SimpleBootloaderHints put in the scope
  private static void computeFactTopologies(HintContext c) {
    BootloaderInput in = input(c);
    List<FactTopology> taskTopologies = (List<FactTopology>) c.scopes().require("fact_topologies");
    Relocatable outputStart = (Relocatable) c.scopes().require("output_start");
    List<FactTopology> plain;
    try {
      plain =
          FactTopologies.computePlain(
              packedOutputs(c),
              taskTopologies,
              in.bootloaderConfig().applicativeBootloaderProgramHash());
      FactTopologies.configure(plain, outputStart, SimpleBootloaderHints.outputBuiltin(c));
    } catch (IllegalArgumentException e) {
      throw new HintException("cannot configure the fact topologies: " + e.getMessage(), e);
    }
    c.scopes().set("plain_fact_topologies", plain);
    in.simpleBootloaderInput()
        .factTopologiesPath()
        .ifPresent(path -> FactTopologies.writeFile(path, plain));
  }

  private static void innerSelectBuiltins(HintContext c) {
    BigInteger remaining = (BigInteger) c.scopes().require("n_selected_builtins");
    // Python's `and` short-circuits: the encodings are only read while the list is not exhausted.
    boolean select =
        remaining.signum() > 0
            && c.memory()
                .getOrThrow(c.idsPtr("selected_encodings"))
                .equals(c.memory().getOrThrow(c.idsPtr("all_encodings")));
    c.setIds("select_builtin", select ? 1 : 0);
    if (select) {
      c.scopes().set("n_selected_builtins", remaining.subtract(BigInteger.ONE));
    }
  }

  private static void checkProgramAddress(HintContext c) {
    Object expected = c.scopes().require("program_address");
    if (!c.ids("program_address").equals(expected)) {
      throw new HintException(
          "ids.program_address " + c.ids("program_address") + " differs from " + expected);
    }
  }
}
