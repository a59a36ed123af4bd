package dev.hdp.cairo.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.builtins.Layout;
import dev.hdp.cairo.builtins.OutputBuiltinRunner;
import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.crypto.Pedersen;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.ProgramLoader;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.fixtures.SharedFixtures;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CairoRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static CompiledProgram fixture(String name) {
    return ProgramLoader.load(SharedFixtures.resolve("cairo/" + name));
  }

  static CairoRunner run(String name, String input) throws Exception {
    JsonNode json = input == null ? null : JSON.readTree(input);
    return new CairoRunner(fixture(name), RunOptions.defaults().withProgramInput(json)).run();
  }

  private static List<BigInteger> ints(long... values) {
    List<BigInteger> out = new ArrayList<>();
    for (long v : values) {
      out.add(BigInteger.valueOf(v));
    }
    return out;
  }

  @Test
  void examplesFibonacciRunsAndChecksItsOwnResult() throws Exception {
    CairoRunner r = run("examples_fibonacci.json", null);
    assertEquals(List.of(), r.output());
    assertEquals(r.endPc(), r.vm().pc());
    assertEquals(r.vm().steps(), r.executionResources().nSteps());
  }

  @Test
  void aMutatedAssertionFailsWithTheFailingPc() {
    CompiledProgram p = fixture("examples_fibonacci.json");
    var data = new ArrayList<>(p.data());
    assertEquals(BigInteger.valueOf(0x90), data.get(9)); // assert fib(1, 1, 10) == 144
    data.set(9, BigInteger.valueOf(0x91));
    CompiledProgram mutated =
        new CompiledProgram(
            p.prime(),
            data,
            p.builtins(),
            p.hints(),
            p.identifiers(),
            p.references(),
            p.attributes(),
            p.mainScope(),
            p.compilerVersion(),
            p.debugInfo());
    VmException e =
        assertThrows(
            VmException.class, () -> new CairoRunner(mutated, RunOptions.defaults()).run());
    assertTrue(e.getMessage().startsWith("Error at pc=0:8"), e.getMessage());
    assertTrue(
        e.getMessage().contains("An ASSERT_EQ instruction failed: 144 != 145"), e.getMessage());
  }

  @Test
  void fibonacciOutputsTheClaimIndexAndTheFibonacciNumber() throws Exception {
    for (int[] c : new int[][] {{1, 10}, {2, 7}, {5, 300}}) {
      CairoRunner r =
          run(
              "fibonacci_compiled.json",
              "{\"second_element\": " + c[0] + ", \"fibonacci_claim_index\": " + c[1] + "}");
      BigInteger a = BigInteger.ONE;
      BigInteger b = BigInteger.valueOf(c[0]);
      for (int i = 0; i < c[1]; i++) {
        BigInteger next = a.add(b).mod(Felt252.PRIME);
        a = b;
        b = next;
      }
      assertEquals(List.of(BigInteger.valueOf(c[1]), b), r.output());
      assertEquals(Map.of("output_builtin", 2L), r.executionResources().builtinInstanceCounter());
    }
  }

  @Test
  void fibonacciWithoutItsInputFailsQuotingTheHint() {
    VmException e = assertThrows(VmException.class, () -> run("fibonacci_compiled.json", "{}"));
    assertTrue(e.getMessage().contains("program_input has no \"second_element\""), e.getMessage());
  }

  @Test
  void fibonacciRunsInProofModeToAPowerOfTwo() throws Exception {
    CairoRunner r =
        new CairoRunner(
                fixture("fibonacci_compiled.json"),
                RunOptions.defaults()
                    .withLayout(Layout.SMALL)
                    .withProofMode(true)
                    .withProgramInput(
                        JSON.readTree("{\"second_element\": 1, \"fibonacci_claim_index\": 10}")))
            .run();
    assertEquals(ints(10, 144), r.output());
    assertEquals(Long.bitCount(r.vm().steps()), 1);
    assertEquals(r.endPc(), r.vm().pc());
  }

  @Test
  void simpleOutputWritesItsInputThroughSegmentsWriteArg() throws Exception {
    CairoRunner r =
        run(
            "simple_output_compiled.json",
            "{\"output\": [5, 7, 11, 0, 3618502788666131213697322783095070105623107215331596699973092056135872020480]}");
    List<BigInteger> expected = ints(5, 7, 11, 0);
    expected.add(Felt252.PRIME.subtract(BigInteger.ONE));
    assertEquals(expected, r.output());
  }

  @Test
  void pedersenMerkleComputesBothRoots() throws Exception {
    String[] path = {"0x1234", "0xabcdef", "0x777"};
    CairoRunner r =
        run(
            "pedersen_merkle_compiled.json",
            "{\"height\": 3, \"prev_leaf\": \"0x10\", \"new_leaf\": \"0x20\", \"node_index\": 5,"
                + " \"path\": [\"0x1234\", \"0xabcdef\", \"0x777\"]}");
    Felt252 prev = Felt252.of(0x10);
    Felt252 next = Felt252.of(0x20);
    int index = 5;
    for (String s : path) {
      Felt252 sibling = Felt252.fromHex(s);
      if (index % 2 == 0) {
        prev = Pedersen.hash(prev, sibling);
        next = Pedersen.hash(next, sibling);
      } else {
        prev = Pedersen.hash(sibling, prev);
        next = Pedersen.hash(sibling, next);
      }
      index /= 2;
    }
    List<BigInteger> expected = ints(3, 0x10, 0x20, 5);
    expected.add(prev.toBigInteger());
    expected.add(next.toBigInteger());
    assertEquals(expected, r.output());
  }

  @Test
  void builtinUsageHashesSignsAndPagesItsOutput() throws Exception {
    CairoRunner r = run("builtin_usage_compiled.json", null);
    List<BigInteger> out = r.output();
    assertEquals(Pedersen.hash(Felt252.of(123), Felt252.of(456)).toBigInteger(), out.get(0));
    assertEquals(ints(1234, 4321, 1000, 2000), out.subList(1, 5));
    assertEquals(
        Map.of(
            "output_builtin",
            5L,
            "pedersen_builtin",
            1L,
            "range_check_builtin",
            1L,
            "ecdsa_builtin",
            1L),
        r.executionResources().builtinInstanceCounter());
    OutputBuiltinRunner output = r.outputBuiltin();
    assertEquals(
        Map.of(1, new OutputBuiltinRunner.Page(1, 2), 2, new OutputBuiltinRunner.Page(3, 2)),
        output.pages());
    assertEquals(ints(3, 2, 0, 1, 0, 2), output.attributes().get("gps_fact_topology"));
  }

  @Test
  void builtinUsageAllCairoExercisesEveryBuiltinIncludingModArithmetic() throws Exception {
    CairoRunner r = run("builtin_usage_all_cairo_compiled.json", null);
    assertEquals(Pedersen.hash(Felt252.of(123), Felt252.of(456)).toBigInteger(), r.output().get(0));
    Map<String, Long> used = r.executionResources().builtinInstanceCounter();
    assertEquals(11, used.size());
    for (var e : used.entrySet()) {
      assertTrue(e.getValue() > 0, e.getKey() + " was not used");
    }
  }

  @Test
  void builtinUsageFlexibleUsesEachBuiltinAsOftenAsTheInputSays() throws Exception {
    CairoRunner r =
        run(
            "builtin_usage_flexible_cairo_compiled.json",
            "{\"n_output\": 2, \"n_pedersen\": 3, \"n_range_check\": 2, \"n_ecdsa\": 1, \"n_bitwise\": 2,"
                + " \"n_ec_op\": 1, \"n_keccak\": 1, \"n_poseidon\": 4, \"n_range_check96\": 2,"
                + " \"n_add_mod\": 1, \"n_mul_mod\": 1}");
    Map<String, Long> used = r.executionResources().builtinInstanceCounter();
    assertEquals(2L, used.get("output_builtin"));
    assertEquals(3L, used.get("pedersen_builtin"));
    assertEquals(4L, used.get("poseidon_builtin"));
    assertEquals(1L, used.get("keccak_builtin"));
    assertEquals(1L, used.get("ec_op_builtin"));
    assertEquals(1L, used.get("mul_mod_builtin"));
  }

  @Test
  void concatAggregatorConcatenatesTaskOutputsIntoPages() throws Exception {
    // bootloader output: 3 config words, 2 tasks: sizes 13 (12 words) and 2 (1 word)
    StringBuilder input = new StringBuilder("{\"bootloader_output\": [7, 8, 9, 2, 13");
    List<BigInteger> first = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      first.add(BigInteger.valueOf(100 + i));
      input.append(", ").append(100 + i);
    }
    input.append(", 2, 555]}");
    CairoRunner r = run("concat_aggregator_compiled.json", input.toString());
    List<BigInteger> expected = new ArrayList<>(ints(2, 13));
    expected.addAll(first);
    expected.addAll(ints(2, 555));
    expected.addAll(first);
    expected.add(BigInteger.valueOf(555));
    assertEquals(expected, r.output());
    // The pages cover the concatenated part only (it starts after the 16 header words): its
    // first 10 words stay in page 0 and the remaining 3 form page 1.
    assertEquals(Map.of(1, new OutputBuiltinRunner.Page(26, 3)), r.outputBuiltin().pages());
    assertEquals(ints(2, 1, 0, 2), r.outputBuiltin().attributes().get("gps_fact_topology"));
  }

  @Test
  void mockCairoVerifierOutputsTheProgramHashAndOutput() throws Exception {
    CairoRunner r =
        run(
            "mock_cairo_verifier_compiled.json",
            "{\"program_hash\": 123, \"program_output\": [7, 8, 9], \"n_steps\": 400}");
    assertEquals(ints(123, 7, 8, 9), r.output());
  }
}
