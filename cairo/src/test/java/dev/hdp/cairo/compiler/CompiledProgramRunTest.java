package dev.hdp.cairo.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hdp.cairo.program.ProgramHash;
import dev.hdp.cairo.program.ProgramLoader;
import dev.hdp.cairo.runner.CairoRunner;
import dev.hdp.cairo.runner.RunOptions;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programs of our own, compiled here and run on the project's VM. */
class CompiledProgramRunTest {
  @TempDir Path dir;

  private static final String OUTPUT_LIB =
      "func output{output_ptr: felt*}(value) {\n"
          + "    assert [output_ptr] = value;\n"
          + "    let output_ptr = output_ptr + 1;\n"
          + "    return ();\n"
          + "}\n";

  private static List<BigInteger> run(String source, boolean proofMode) throws Exception {
    CompilerOutput compiled = new CairoCompiler(List.of(), proofMode).compile(source, "test.cairo");
    // The VM reads the program through its own loader, so this also checks the JSON we write.
    byte[] json = compiled.toJsonString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    CairoRunner runner =
        new CairoRunner(ProgramLoader.parse(json), RunOptions.defaults().withProofMode(proofMode))
            .run();
    return runner.output();
  }

  private static List<BigInteger> ints(long... values) {
    List<BigInteger> out = new ArrayList<>();
    for (long v : values) {
      out.add(BigInteger.valueOf(v));
    }
    return out;
  }

  @Test
  void recursionWithIfAndReturnValues() throws Exception {
    String src =
        "%builtins output\n"
            + OUTPUT_LIB
            + "func fib(a, b, n) -> felt {\n"
            + "    if (n == 0) {\n"
            + "        return a;\n"
            + "    }\n"
            + "    return fib(b, a + b, n - 1);\n"
            + "}\n"
            + "func main{output_ptr: felt*}() {\n"
            + "    alloc_locals;\n"
            + "    let x = fib(0, 1, 10);\n"
            + "    output(x);\n"
            + "    let y = fib(1, 1, 20);\n"
            + "    output(y * 2 + 1);\n"
            + "    return ();\n"
            + "}\n";
    assertEquals(ints(55, 2 * 10946 + 1), run(src, false));
    assertEquals(ints(55, 2 * 10946 + 1), run(src, true));
  }

  @Test
  void structsLocalsPointersAndRevokedReferences() throws Exception {
    String src =
        "%builtins output range_check\n"
            + OUTPUT_LIB
            + "struct Point {\n"
            + "    x: felt,\n"
            + "    y: felt,\n"
            + "}\n"
            + "namespace geometry {\n"
            + "    func add(a: Point, b: Point) -> Point {\n"
            + "        return (Point(x=a.x + b.x, y=a.y + b.y));\n"
            + "    }\n"
            + "}\n"
            + "func alloc() -> felt* {\n"
            + "    %{ memory[ap] = segments.add() %}\n"
            + "    ap += 1;\n"
            + "    return cast([ap - 1], felt*);\n"
            + "}\n"
            + "func sum(arr: felt*, n) -> felt {\n"
            + "    if (n == 0) {\n"
            + "        return 0;\n"
            + "    }\n"
            + "    let rest = sum(arr + 1, n - 1);\n"
            + "    return arr[0] + rest;\n"
            + "}\n"
            + "func swap(a, b) -> (first: felt, second: felt) {\n"
            + "    if (a == b) {\n"
            + "        return (first=a, second=b);\n"
            + "    } else {\n"
            + "        return (first=b, second=a);\n"
            + "    }\n"
            + "}\n"
            + "func main{output_ptr: felt*, range_check_ptr}() {\n"
            + "    alloc_locals;\n"
            + "    local p: Point = Point(x=3, y=4);\n"
            + "    let q = geometry.add(p, Point(x=10, y=20));\n"
            + "    let arr = alloc();\n"
            + "    assert arr[0] = 1;\n"
            + "    assert arr[1] = 2;\n"
            + "    assert arr[2] = q.x * q.y;\n"
            + "    let s = sum(arr, 3);\n"
            + "    tempvar t = (s + 1) * (s - 1);\n"
            + "    let pp: Point* = &p;\n"
            + "    static_assert Point.SIZE == 2;\n"
            + "    assert [range_check_ptr] = pp.y;\n"
            + "    let range_check_ptr = range_check_ptr + 1;\n"
            + "    let (first, second) = swap(7, 9);\n"
            + "    output(q.x);\n"
            + "    output(q.y);\n"
            + "    output(s);\n"
            + "    output(t);\n"
            + "    output(pp.x + pp.y);\n"
            + "    output(first - second);\n"
            + "    return ();\n"
            + "}\n";
    assertEquals(ints(13, 24, 315, 315 * 315 - 1, 7, 2), run(src, false));
  }

  @Test
  void labelsJumpsWithAndNew() throws Exception {
    String src =
        "%builtins output\n"
            + "struct Pair {\n"
            + "    a: felt,\n"
            + "    b: felt,\n"
            + "}\n"
            + "func count{output_ptr: felt*}(n) {\n"
            + "    tempvar i = 0;\n"
            + "    tempvar ptr = output_ptr;\n"
            + "    loop:\n"
            + "    let i = [ap - 2];\n"
            + "    let ptr = cast([ap - 1], felt*);\n"
            + "    assert [ptr] = i;\n"
            + "    tempvar remaining = n - i - 1;\n"
            + "    tempvar i = i + 1;\n"
            + "    tempvar ptr = ptr + 1;\n"
            + "    jmp loop if remaining != 0;\n"
            + "    let output_ptr = ptr;\n"
            + "    return ();\n"
            + "}\n"
            + "func main{output_ptr: felt*}() {\n"
            + "    alloc_locals;\n"
            + "    tempvar pair: Pair* = new Pair(a=40, b=2);\n"
            + "    with output_ptr {\n"
            + "        count(3);\n"
            + "    }\n"
            + "    assert [output_ptr] = pair.a + pair.b;\n"
            + "    let output_ptr = output_ptr + 1;\n"
            + "    return ();\n"
            + "}\n";
    assertEquals(ints(0, 1, 2, 42), run(src, false));
  }

  @Test
  void typedefsTuplesConstantsAndConditions() throws Exception {
    String src =
        "%builtins output\n"
            + OUTPUT_LIB
            + "struct Point {\n"
            + "    x: felt,\n"
            + "    y: felt,\n"
            + "}\n"
            + "using Pair = (first: felt, second: felt);\n"
            + "const BIG = 2 ** 10 + 0x10;\n"
            + "const WORD = 'ab';\n"
            + "func pair(a, b) -> Pair {\n"
            + "    return (first=a, second=b);\n"
            + "}\n"
            + "func both_zero(a, b) -> felt {\n"
            + "    if (a == 0 and b == 0) {\n"
            + "        return 1;\n"
            + "    }\n"
            + "    return 0;\n"
            + "}\n"
            + "func get_ptr() -> felt* {\n"
            + "    %{ memory[ap] = segments.add() %}\n"
            + "    ap += 1;\n"
            + "    return cast([ap - 1], felt*);\n"
            + "}\n"
            + "func main{output_ptr: felt*}() {\n"
            + "    alloc_locals;\n"
            + "    let p = pair(3, 4);\n"
            + "    local q: Pair = p;\n"
            + "    let mem = get_ptr();\n"
            + "    let points = cast(mem, Point*);\n"
            + "    assert points[0] = Point(x=1, y=2);\n"
            + "    assert points[1] = Point(x=q.first * 10, y=q.second + BIG);\n"
            + "    let second = points + Point.SIZE;\n"
            + "    tuple_tests(p.first, p.second);\n"
            + "    output(points[1].x);\n"
            + "    output(second.y);\n"
            + "    output(WORD);\n"
            + "    output(both_zero(0, 0) + both_zero(0, 1) * 10);\n"
            + "    return ();\n"
            + "}\n"
            + "func tuple_tests{output_ptr: felt*}(a, b) {\n"
            + "    let t = (a, b, a + b);\n"
            + "    output(t[2]);\n"
            + "    return ();\n"
            + "}\n";
    assertEquals(ints(7, 30, 4 + 1040, 0x6162, 1), run(src, false));
  }

  private List<BigInteger> runOracle(String fixture, String input) throws Exception {
    OracleSources o = OracleSources.extract(fixture, dir.resolve(fixture));
    CompilerOutput p = new CairoCompiler(List.of(o.root()), true).compile(o.mainFile());
    return new CairoRunner(
            p.toProgram(),
            RunOptions.defaults()
                .withProgramInput(
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(input)))
        .run()
        .output();
  }

  @Test
  void oraclesCompiledHereRunWithTheirInputs() throws Exception {
    assertEquals(
        ints(5, 7, 11), runOracle("simple_output_compiled.json", "{\"output\": [5, 7, 11]}"));
    assertEquals(
        ints(123, 7, 8, 9),
        runOracle(
            "mock_cairo_verifier_compiled.json",
            "{\"program_hash\": 123, \"program_output\": [7, 8, 9], \"n_steps\": 400}"));
    // Bootloader output: 3 config words, then 2 tasks of sizes 3 (2 words) and 2 (1 word).
    assertEquals(
        ints(2, 3, 40, 41, 2, 50, 40, 41, 50),
        runOracle(
            "concat_aggregator_compiled.json",
            "{\"bootloader_output\": [7, 8, 9, 2, 3, 40, 41, 2, 50]}"));
  }

  @Test
  void compiledOraclesHaveTheOriginalProgramHash() {
    for (String fixture :
        new String[] {"simple_output_compiled.json", "bootloader_compiled.json"}) {
      OracleSources o = OracleSources.extract(fixture, dir.resolve(fixture));
      CompilerOutput p = new CairoCompiler(List.of(o.root()), true).compile(o.mainFile());
      String expected = ProgramHash.pedersen(ProgramLoader.parse(o.program()).strip()).toHex();
      String actual = ProgramHash.pedersen(ProgramLoader.parse(p.json()).strip()).toHex();
      assertEquals(expected, actual, fixture);
    }
  }
}
