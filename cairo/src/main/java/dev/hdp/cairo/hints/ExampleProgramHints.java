package dev.hdp.cairo.hints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hdp.cairo.builtins.EcdsaBuiltinRunner;
import dev.hdp.cairo.builtins.ModBuiltinRunner;
import dev.hdp.cairo.builtins.OutputBuiltinRunner;
import dev.hdp.cairo.builtins.PedersenBuiltinRunner;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Relocatable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Hints of StarkWare's test and example programs (proving-utils: fibonacci, simple_output,
 * pedersen_merkle, builtin_usage, concat_aggregator, mock_cairo_verifier), keyed by exact code.
 */
public final class ExampleProgramHints {
  private ExampleProgramHints() {}

  static final String FIB_SECOND_ELEMENT = "memory[ap] = program_input['second_element']";
  static final String FIB_CLAIM_INDEX = "memory[ap] = program_input['fibonacci_claim_index']";
  static final String OUTPUT_FROM_INPUT = "output = program_input[\"output\"]";
  static final String WRITE_OUTPUT = "segments.write_arg(ids.output_ptr, output)";
  static final String OUTPUT_LEN = "memory[ap] = to_felt_or_relocatable(len(output))";
  static final String MERKLE_PATH_EMPTY =
      "# Check that auth_path had the right number of elements.\n"
          + "assert len(auth_path) == 0, 'Got too many values in auth_path.'";
  static final String MERKLE_INDEX_BIT = "memory[ap] = ids.index % 2";
  static final String MERKLE_SIBLING_Y =
      "# Hash hints.\n"
          + "sibling = auth_path.pop()\n"
          + "ids.prev_node_hash.y = sibling\n"
          + "ids.new_node_hash.y = sibling";
  static final String MERKLE_SIBLING_X =
      "# Hash hints.\n"
          + "sibling = auth_path.pop()\n"
          + "ids.prev_node_hash.x = sibling\n"
          + "ids.new_node_hash.x = sibling";
  static final String MERKLE_INPUT =
      "ids.output.height = program_input['height']\n"
          + "ids.output.prev_leaf = int(program_input['prev_leaf'], 16)\n"
          + "ids.output.new_leaf = int(program_input['new_leaf'], 16)\n"
          + "ids.output.node_index = program_input['node_index']\n"
          + "\n"
          + "auth_path = [int(x, 16) for x in program_input['path']][::-1]";
  static final String OTHER_SEGMENT =
      "# Add a segment to test pie relocation in the bootloader.\n"
          + "ids.other_segment = segments.add()";
  static final String OTHER_SEGMENT_FINALIZED =
      "# Add a segment to test pie relocation in the bootloader.\n"
          + "ids.other_segment = segments.add()\n"
          + "segments.finalize(ids.other_segment.segment_index, size=1)";
  static final String ADD_SIGNATURE =
      "ecdsa_builtin.add_signature(ids.ecdsa_ptr, (\n"
          + "    3086480810278599376317923499561306189851900463386393948998357832163236918254,\n"
          + "    598673427589502599949712887611119751108407514580626464031881322743364689811))";
  static final String ADD_SIGNATURE_ADDRESS =
      "ecdsa_builtin.add_signature(ids.ecdsa_ptr.address_, (\n"
          + "    3086480810278599376317923499561306189851900463386393948998357832163236918254,\n"
          + "    598673427589502599949712887611119751108407514580626464031881322743364689811))";
  static final String FIVE_AT_AP = "memory[ap] = 5";
  static final String OUTPUT_PAGES =
      "from starkware.crypto.signature.signature import pedersen_hash\n"
          + "assert memory[ids.output_ptr] == pedersen_hash(123, 456)\n"
          + "\n"
          + "# Place the output in 3 pages.\n"
          + "output_builtin.add_page(page_id=1, page_start=ids.output_ptr + 1, page_size=2)\n"
          + "output_builtin.add_page(page_id=2, page_start=ids.output_ptr + 3, page_size=2)\n"
          + "# Don't use the GPS_FACT_TOPOLOGY constant to avoid unnecessary dependencies in the\n"
          + "# CMake target cairo_run_venv.\n"
          + "output_builtin.add_attribute('gps_fact_topology', [3, 2, 0, 1, 0, 2])";
  static final String MOD_FILL_MEMORY =
      "from starkware.cairo.lang.builtins.modulo.mod_builtin_runner import ModBuiltinRunner\n"
          + "assert builtin_runners[\"add_mod_builtin\"].instance_def.batch_size == 1\n"
          + "assert builtin_runners[\"mul_mod_builtin\"].instance_def.batch_size == 1\n"
          + "\n"
          + "ModBuiltinRunner.fill_memory(\n"
          + "    memory=memory,\n"
          + "    add_mod=(ids.add_mod_ptr.address_, builtin_runners[\"add_mod_builtin\"], ids.add_mod_n),\n"
          + "    mul_mod=(ids.mul_mod_ptr.address_, builtin_runners[\"mul_mod_builtin\"], ids.mul_mod_n),\n"
          + ")";
  static final String FLEXIBLE_COUNTS =
      "ids.n_output = program_input.get(\"n_output\", 0)\n"
          + "ids.n_pedersen = program_input.get(\"n_pedersen\", 0)\n"
          + "ids.n_range_check = program_input.get(\"n_range_check\", 0)\n"
          + "ids.n_ecdsa = program_input.get(\"n_ecdsa\", 0)\n"
          + "ids.n_bitwise = program_input.get(\"n_bitwise\", 0)\n"
          + "ids.n_ec_op = program_input.get(\"n_ec_op\", 0)\n"
          + "ids.n_keccak = program_input.get(\"n_keccak\", 0)\n"
          + "ids.n_poseidon = program_input.get(\"n_poseidon\", 0)\n"
          + "ids.n_range_check96 = program_input.get(\"n_range_check96\", 0)\n"
          + "ids.n_add_mod = program_input.get(\"n_add_mod\", 0)\n"
          + "ids.n_mul_mod = program_input.get(\"n_mul_mod\", 0)\n"
          + "ids.n_memory_holes = program_input.get(\"n_memory_holes\", 0)";
  static final String PARSE_TASK_OUTPUTS =
      "def parse_bootloader_tasks_outputs(output):\n"
          + "    \"\"\"\n"
          + "    Parses the output of the bootloader, returning the raw outputs of the tasks.\n"
          + "    \"\"\"\n"
          + "    output_iter = iter(output)\n"
          + "    # Skip the bootloader_config.\n"
          + "    [next(output_iter) for _ in range(3)]\n"
          + "\n"
          + "    n_tasks = next(output_iter)\n"
          + "    tasks_outputs = []\n"
          + "    for _ in range(n_tasks):\n"
          + "        task_output_size = next(output_iter)\n"
          + "        tasks_outputs.append([next(output_iter) for _ in range(task_output_size - 1)])\n"
          + "\n"
          + "    assert next(output_iter, None) is None, \"Bootloader output wasn't fully consumed.\"\n"
          + "\n"
          + "    return tasks_outputs\n"
          + "\n"
          + "tasks_outputs = parse_bootloader_tasks_outputs(program_input[\"bootloader_output\"])\n"
          + "assert len(tasks_outputs) > 0, \"No tasks found in the bootloader output.\"\n"
          + "ids.n_tasks = len(tasks_outputs)";
  static final String LOAD_TASK_OUTPUT_WITH_SIZE =
      "task_index = len(tasks_outputs) - ids.n_tasks\n"
          + "segments.load_data(ptr=ids.output_ptr, data=tasks_outputs[task_index])\n"
          + "ids.output_size = len(tasks_outputs[task_index]) + 1";
  static final String LOAD_TASK_OUTPUT =
      "task_index = len(tasks_outputs) - ids.n_tasks\n"
          + "segments.load_data(ptr=ids.output_ptr, data=tasks_outputs[task_index])\n"
          + "ids.output_size = len(tasks_outputs[task_index])";
  static final String AGGREGATOR_PAGES =
      "from starkware.python.math_utils import div_ceil\n"
          + "\n"
          + "output_length = ids.output_ptr - ids.output_start\n"
          + "page_size = 10\n"
          + "next_page_start = min(ids.output_start + page_size, ids.output_ptr)\n"
          + "next_page_id = 1\n"
          + "while next_page_start < ids.output_ptr:\n"
          + "    output_builtin.add_page(\n"
          + "        page_id=next_page_id,\n"
          + "        page_start=next_page_start,\n"
          + "        page_size=min(ids.output_ptr - next_page_start, page_size),\n"
          + "    )\n"
          + "    next_page_start += page_size\n"
          + "    next_page_id += 1\n"
          + "if next_page_id == 1:\n"
          + "    # Single page. Use trivial fact topology.\n"
          + "    output_builtin.add_attribute('gps_fact_topology', [\n"
          + "        1,\n"
          + "        0,\n"
          + "    ])\n"
          + "else:\n"
          + "    output_builtin.add_attribute('gps_fact_topology', [\n"
          + "        next_page_id,\n"
          + "        next_page_id - 1,\n"
          + "        0,\n"
          + "        2,\n"
          + "    ])";
  static final String N_STEPS_AT_AP = "memory[ap] = to_felt_or_relocatable(n_steps)";
  static final String MOCK_VERIFIER_INPUT =
      "from starkware.cairo.cairo_verifier.mock_cairo_verifier_input import MockCairoVerifierInput\n"
          + "\n"
          + "# Get output to apply hash state.\n"
          + "mock_cairo_verifier_input = MockCairoVerifierInput.load(program_input)\n"
          + "program_hash = mock_cairo_verifier_input.program_hash\n"
          + "program_output = mock_cairo_verifier_input.program_output\n"
          + "ids.output = segments.gen_arg(program_output)";
  static final String OUTPUT_LEN_AT_FP1 =
      "memory[fp + 1] = to_felt_or_relocatable(len(program_output))";
  static final String PROGRAM_HASH_AT_FP2 = "memory[fp + 2] = to_felt_or_relocatable(program_hash)";
  static final String N_STEPS_FROM_INPUT = "n_steps = program_input[\"n_steps\"]";

  private static final BigInteger SIG_R =
      new BigInteger(
          "3086480810278599376317923499561306189851900463386393948998357832163236918254");
  private static final BigInteger SIG_S =
      new BigInteger("598673427589502599949712887611119751108407514580626464031881322743364689811");

  private static JsonNode input(HintContext c, String field) {
    JsonNode v = c.programInput().get(field);
    if (v == null || v.isNull()) {
      throw new HintException("program_input has no \"" + field + "\"");
    }
    return v;
  }

  private static BigInteger inputInt(HintContext c, String field) {
    JsonNode v = input(c, field);
    return v.isTextual() ? HintContext.parseInt(v.asText()) : v.bigIntegerValue();
  }

  private static List<BigInteger> ints(JsonNode array) {
    List<BigInteger> out = new ArrayList<>();
    array.forEach(
        n -> out.add(n.isTextual() ? HintContext.parseInt(n.asText()) : n.bigIntegerValue()));
    return out;
  }

  @SuppressWarnings("unchecked") // scope variables written by the hints below
  private static <T> T scoped(HintContext c, String name) {
    return (T) c.scopes().require(name);
  }

  /** Registers these hints with {@code p}. */
  public static void registerAll(HintProcessor p) {
    p.register(FIB_SECOND_ELEMENT, c -> c.insertAtAp(inputInt(c, "second_element")));
    p.register(FIB_CLAIM_INDEX, c -> c.insertAtAp(inputInt(c, "fibonacci_claim_index")));
    p.register(OUTPUT_FROM_INPUT, c -> c.scopes().set("output", ints(input(c, "output"))));
    p.register(WRITE_OUTPUT, c -> c.writeArg(c.idsPtr("output_ptr"), scoped(c, "output")));
    p.register(
        OUTPUT_LEN, c -> c.insertAtAp(BigInteger.valueOf(((List<?>) scoped(c, "output")).size())));

    p.register(
        MERKLE_INPUT,
        c -> {
          c.setIds("output.height", inputInt(c, "height"));
          c.setIds(
              "output.prev_leaf",
              HintContext.parseInt("0x" + strip0x(input(c, "prev_leaf").asText())));
          c.setIds(
              "output.new_leaf",
              HintContext.parseInt("0x" + strip0x(input(c, "new_leaf").asText())));
          c.setIds("output.node_index", inputInt(c, "node_index"));
          List<BigInteger> path = new ArrayList<>();
          input(c, "path").forEach(n -> path.add(new BigInteger(strip0x(n.asText()), 16)));
          java.util.Collections.reverse(path);
          c.scopes().set("auth_path", path);
        });
    p.register(
        MERKLE_PATH_EMPTY,
        c -> {
          if (!((List<?>) scoped(c, "auth_path")).isEmpty()) {
            throw new HintException("Got too many values in auth_path.");
          }
        });
    p.register(MERKLE_INDEX_BIT, c -> c.insertAtAp(c.idsInt("index").mod(BigInteger.TWO)));
    p.register(MERKLE_SIBLING_Y, c -> sibling(c, "y"));
    p.register(MERKLE_SIBLING_X, c -> sibling(c, "x"));

    p.register(OTHER_SEGMENT, c -> c.setIds("other_segment", c.addSegment()));
    p.register(
        OTHER_SEGMENT_FINALIZED,
        c -> {
          Relocatable s = c.addSegment();
          c.setIds("other_segment", s);
          c.memory().finalizeSegment(s.segment(), 1);
        });
    p.register(
        ADD_SIGNATURE,
        c ->
            ((EcdsaBuiltinRunner) c.builtin("ecdsa"))
                .addSignature(c.idsPtr("ecdsa_ptr"), SIG_R, SIG_S));
    p.register(
        ADD_SIGNATURE_ADDRESS,
        c ->
            ((EcdsaBuiltinRunner) c.builtin("ecdsa"))
                .addSignature(c.idsAddressOf("ecdsa_ptr"), SIG_R, SIG_S));
    p.register(FIVE_AT_AP, c -> c.insertAtAp(BigInteger.valueOf(5)));
    p.register(
        OUTPUT_PAGES,
        c -> {
          Relocatable out = c.idsPtr("output_ptr");
          BigInteger expected =
              PedersenBuiltinRunner.hash(BigInteger.valueOf(123), BigInteger.valueOf(456));
          if (!c.intAt(out).equals(expected)) {
            throw new HintException("memory[ids.output_ptr] != pedersen_hash(123, 456)");
          }
          OutputBuiltinRunner output = (OutputBuiltinRunner) c.builtin("output");
          output.addPage(1, out.add(1), 2);
          output.addPage(2, out.add(3), 2);
          output.addAttribute(
              "gps_fact_topology",
              List.of(3, 2, 0, 1, 0, 2).stream().map(BigInteger::valueOf).toList());
        });
    p.register(
        MOD_FILL_MEMORY,
        c ->
            ModBuiltinRunner.fillMemory(
                c.memory(),
                c.idsAddressOf("add_mod_ptr"),
                (ModBuiltinRunner) c.builtin("add_mod"),
                c.idsInt("add_mod_n").longValueExact(),
                c.idsAddressOf("mul_mod_ptr"),
                (ModBuiltinRunner) c.builtin("mul_mod"),
                c.idsInt("mul_mod_n").longValueExact()));
    p.register(
        FLEXIBLE_COUNTS,
        c -> {
          for (String name :
              List.of(
                  "n_output",
                  "n_pedersen",
                  "n_range_check",
                  "n_ecdsa",
                  "n_bitwise",
                  "n_ec_op",
                  "n_keccak",
                  "n_poseidon",
                  "n_range_check96",
                  "n_add_mod",
                  "n_mul_mod",
                  "n_memory_holes")) {
            JsonNode v = c.programInput().get(name);
            c.setIds(name, v == null || v.isNull() ? BigInteger.ZERO : v.bigIntegerValue());
          }
        });

    p.register(
        PARSE_TASK_OUTPUTS,
        c -> {
          List<BigInteger> output = ints(input(c, "bootloader_output"));
          int at = 3;
          int nTasks = output.get(at++).intValueExact();
          List<List<BigInteger>> tasks = new ArrayList<>();
          for (int t = 0; t < nTasks; t++) {
            int size = output.get(at++).intValueExact();
            tasks.add(new ArrayList<>(output.subList(at, at + size - 1)));
            at += size - 1;
          }
          if (at != output.size()) {
            throw new HintException("Bootloader output wasn't fully consumed.");
          }
          if (tasks.isEmpty()) {
            throw new HintException("No tasks found in the bootloader output.");
          }
          c.scopes().set("tasks_outputs", tasks);
          c.setIds("n_tasks", tasks.size());
        });
    p.register(LOAD_TASK_OUTPUT_WITH_SIZE, c -> loadTaskOutput(c, 1));
    p.register(LOAD_TASK_OUTPUT, c -> loadTaskOutput(c, 0));
    p.register(
        AGGREGATOR_PAGES,
        c -> {
          Relocatable start = c.idsPtr("output_start");
          Relocatable end = c.idsPtr("output_ptr");
          OutputBuiltinRunner output = (OutputBuiltinRunner) c.builtin("output");
          long pageSize = 10;
          Relocatable next = start.add(pageSize).compareTo(end) < 0 ? start.add(pageSize) : end;
          int pageId = 1;
          while (next.compareTo(end) < 0) {
            output.addPage(pageId, next, Math.min(end.sub(next), pageSize));
            next = next.add(pageSize);
            pageId++;
          }
          List<Long> topology =
              pageId == 1 ? List.of(1L, 0L) : List.of((long) pageId, pageId - 1L, 0L, 2L);
          output.addAttribute(
              "gps_fact_topology", topology.stream().map(BigInteger::valueOf).toList());
        });

    p.register(N_STEPS_FROM_INPUT, c -> c.scopes().set("n_steps", inputInt(c, "n_steps")));
    p.register(N_STEPS_AT_AP, c -> c.insertAtAp((BigInteger) scoped(c, "n_steps")));
    p.register(
        MOCK_VERIFIER_INPUT,
        c -> {
          c.scopes().set("program_hash", inputInt(c, "program_hash"));
          List<BigInteger> output = ints(input(c, "program_output"));
          c.scopes().set("program_output", output);
          c.setIds("output", c.genArg(output));
        });
    p.register(
        OUTPUT_LEN_AT_FP1,
        c ->
            c.memory()
                .set(
                    c.fp().add(1),
                    MaybeRelocatable.of(((List<?>) scoped(c, "program_output")).size())));
    p.register(
        PROGRAM_HASH_AT_FP2,
        c ->
            c.memory()
                .set(c.fp().add(2), MaybeRelocatable.of((BigInteger) scoped(c, "program_hash"))));
  }

  private static String strip0x(String s) {
    return s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
  }

  private static void sibling(HintContext c, String member) {
    List<BigInteger> path = scoped(c, "auth_path");
    if (path.isEmpty()) {
      throw new HintException("auth_path is empty");
    }
    BigInteger sibling = path.removeLast();
    c.setIds("prev_node_hash." + member, sibling);
    c.setIds("new_node_hash." + member, sibling);
  }

  private static void loadTaskOutput(HintContext c, int extra) {
    List<List<BigInteger>> tasks = scoped(c, "tasks_outputs");
    int index = tasks.size() - c.idsInt("n_tasks").intValueExact();
    List<BigInteger> data = tasks.get(index);
    c.writeArg(c.idsPtr("output_ptr"), data);
    c.setIds("output_size", data.size() + extra);
  }
}
