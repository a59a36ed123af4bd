package dev.hdp.cairo.pie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.builtins.Layout;
import dev.hdp.cairo.program.ProgramHash;
import dev.hdp.cairo.program.ProgramLoader;
import dev.hdp.cairo.runner.CairoRunner;
import dev.hdp.cairo.runner.RunOptions;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.fixtures.SharedFixtures;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class CairoPieTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CairoPie fixture(String name) throws Exception {
    return CairoPie.read(SharedFixtures.resolve("cairo/" + name));
  }

  private static List<BigInteger> ints(long... v) {
    List<BigInteger> out = new ArrayList<>();
    for (long x : v) {
      out.add(BigInteger.valueOf(x));
    }
    return out;
  }

  @Test
  void provingUtilsFibonacciPieReadsValidatesAndReRuns() throws Exception {
    CairoPie pie = fixture("fibonacci_pie.zip");
    pie.validate();
    assertEquals("1.1", pie.version());
    assertEquals(ints(1, 89), pie.output());
    assertEquals(89, pie.executionResources().nSteps());
    assertEquals(131, pie.memory().size());
    assertEquals(List.of(new SegmentInfo(5, 1)), pie.metadata().extraSegments());
    PieRerun.Result r = PieRerun.check(pie, Layout.ALL_CAIRO);
    assertEquals(89, r.resources().nSteps());
    assertEquals(pie.executionResources(), r.resources());
    assertEquals(ints(1, 89), r.runner().output());
  }

  @Test
  void madaraFibonacciPieReadsValidatesReRunsAndHasASinglePageFact() throws Exception {
    CairoPie pie = fixture("madara_fibonacci_pie.zip");
    pie.validate();
    assertEquals(ints(89), pie.output());
    PieRerun.Result r = PieRerun.check(pie, Layout.ALL_CAIRO);
    assertEquals(72, r.resources().nSteps());
    assertEquals(pie.executionResources(), r.resources());
    assertEquals(ints(89), r.runner().output());
    BigInteger programHash = ProgramHash.pedersen(pie.metadata().program()).toBigInteger();
    BigInteger outputHash = Fact.keccakInts(ints(89));
    assertEquals(Fact.keccakInts(List.of(programHash, outputHash)), Fact.of(pie));
  }

  private static Map<String, byte[]> entries(byte[] zip) throws Exception {
    Map<String, byte[]> out = new java.util.TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  @Test
  void thePieOfTheReRunHasTheFixturesExactEntries() throws Exception {
    for (String name : new String[] {"fibonacci_pie.zip", "madara_fibonacci_pie.zip"}) {
      byte[] original = Files.readAllBytes(SharedFixtures.resolve("cairo/" + name));
      CairoPie pie = CairoPie.read(original);
      CairoPie rewritten = CairoPie.fromRun(PieRerun.check(pie, Layout.ALL_CAIRO).runner());
      Map<String, byte[]> want = entries(original);
      Map<String, byte[]> got = entries(rewritten.toZip());
      assertEquals(want.keySet(), got.keySet());
      for (String entry : want.keySet()) {
        assertEquals(
            new String(want.get(entry), java.nio.charset.StandardCharsets.ISO_8859_1),
            new String(got.get(entry), java.nio.charset.StandardCharsets.ISO_8859_1),
            name + " " + entry);
      }
    }
  }

  @Test
  void keccakOfIntsMatchesAKnownVector() {
    // keccak256 of 32 zero bytes
    assertEquals(
        new BigInteger("290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563", 16),
        Fact.keccakInts(ints(0)));
  }

  private static CairoRunner run(String program, String input) throws Exception {
    return new CairoRunner(
            ProgramLoader.load(SharedFixtures.resolve("cairo/" + program)),
            RunOptions.defaults().withProgramInput(input == null ? null : JSON.readTree(input)))
        .run();
  }

  @Test
  void aWrittenPieReadsBackToTheSameMemoryAndReRuns() throws Exception {
    CairoRunner runner =
        run("fibonacci_compiled.json", "{\"second_element\": 1, \"fibonacci_claim_index\": 10}");
    CairoPie pie = CairoPie.fromRun(runner);
    byte[] zip = pie.toZip();
    CairoPie back = CairoPie.read(zip);
    back.validate();
    assertEquals(pie.metadata(), back.metadata());
    assertEquals(pie.executionResources(), back.executionResources());
    assertEquals(new java.util.HashSet<>(pie.memory()), new java.util.HashSet<>(back.memory()));
    assertArrayEquals(pie.memoryBin(), back.memoryBin());
    assertEquals(ints(10, 144), back.output());
    PieRerun.Result r = PieRerun.check(back, Layout.ALL_CAIRO);
    assertEquals(runner.vm().steps(), r.resources().nSteps());
    // Every entry is deflated and the set of entries is the reference's.
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      List<String> names = new ArrayList<>();
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        names.add(e.getName());
        assertEquals(ZipEntry.DEFLATED, e.getMethod());
      }
      assertEquals(
          List.of(
              "version.json",
              "metadata.json",
              "memory.bin",
              "additional_data.json",
              "execution_resources.json"),
          names);
    }
  }

  @Test
  void builtinUsagePieKeepsPagesSignaturesAndTheExtraSegment() throws Exception {
    CairoRunner runner = run("builtin_usage_compiled.json", null);
    CairoPie back = CairoPie.read(CairoPie.fromRun(runner).toZip());
    back.validate();
    assertEquals(1, back.metadata().extraSegments().size());
    assertEquals(
        Map.of(
            "1",
            List.of(BigInteger.ONE, BigInteger.TWO),
            "2",
            List.of(BigInteger.valueOf(3), BigInteger.TWO)),
        back.outputBuiltinData().get("pages"));
    PieRerun.Result r = PieRerun.check(back, Layout.ALL_CAIRO);
    assertEquals(runner.output(), r.runner().output());
    // The paged fact differs from the single-page formula.
    BigInteger programHash = ProgramHash.pedersen(back.metadata().program()).toBigInteger();
    BigInteger flat = Fact.keccakInts(List.of(programHash, Fact.keccakInts(back.output())));
    assertTrue(!flat.equals(Fact.of(back)));
  }

  @Test
  void aPieUsingEveryBuiltinReRunsToTheSameMemory() throws Exception {
    CairoRunner runner = run("builtin_usage_all_cairo_compiled.json", null);
    CairoPie back = CairoPie.read(CairoPie.fromRun(runner).toZip());
    back.validate();
    assertEquals(11, back.metadata().builtinSegments().size());
    assertEquals(List.of(new SegmentInfo(15, 1)), back.metadata().extraSegments());
    PieRerun.Result r = PieRerun.check(back, Layout.ALL_CAIRO);
    assertEquals(runner.executionResources(), r.resources());
  }

  @Test
  void extraSegmentsMergeIntoOneAndTheMergedPieStillReRuns() throws Exception {
    // builtin_usage adds a segment in a hint; a second one is added here.
    CairoRunner runner = run("builtin_usage_compiled.json", null);
    Relocatable extra = runner.memory().addSegment(); // a second, empty extra segment
    CairoPie pie = CairoPie.fromRun(runner);
    assertEquals(2, pie.metadata().extraSegments().size());
    assertTrue(extra.segment() > pie.metadata().extraSegments().getFirst().index());
    CairoPie merged = CairoPie.read(pie.mergeExtraSegments().toZip());
    long total = pie.metadata().extraSegments().stream().mapToLong(SegmentInfo::size).sum();
    assertEquals(
        List.of(new SegmentInfo(pie.metadata().extraSegments().getFirst().index(), total)),
        merged.metadata().extraSegments());
    merged.validate();
    PieRerun.check(merged, Layout.ALL_CAIRO);
  }

  @Test
  void aPieWithAChangedMemoryCellIsRejectedOnReRun() throws Exception {
    CairoPie pie = fixture("fibonacci_pie.zip");
    List<PieCell> cells = new ArrayList<>(pie.memory());
    int i = 0;
    while (!(cells.get(i).address().equals(new Relocatable(2, 1)))) {
      i++;
    }
    cells.set(i, new PieCell(new Relocatable(2, 1), MaybeRelocatable.of(90)));
    CairoPie mutated =
        new CairoPie(
            pie.metadata(), cells, pie.additionalData(), pie.executionResources(), pie.version());
    PieFormatException e =
        assertThrows(PieFormatException.class, () -> PieRerun.check(mutated, Layout.ALL_CAIRO));
    assertTrue(e.getMessage().startsWith("re-running the PIE failed: "), e.getMessage());
    assertTrue(
        e.getMessage().contains("inconsistent memory at 2:1")
            || e.getMessage().contains("ASSERT_EQ"),
        e.getMessage());
  }

  @Test
  void malformedZipsAreRejectedPrecisely() throws Exception {
    byte[] good = Files.readAllBytes(SharedFixtures.resolve("cairo/fibonacci_pie.zip"));
    assertEquals(
        "not a zip file (it must start with PK)",
        assertThrows(PieFormatException.class, () -> CairoPie.read(new byte[] {1, 2, 3}))
            .getMessage());
    assertEquals(
        "entry memory.bin is not deflated",
        assertThrows(
                PieFormatException.class,
                () -> CairoPie.read(rezip(good, "memory.bin", null, true)))
            .getMessage());
    assertEquals(
        "the PIE zip has no metadata.json",
        assertThrows(
                PieFormatException.class,
                () -> CairoPie.read(rezip(good, "metadata.json", null, false)))
            .getMessage());
    assertEquals(
        "memory.bin has 5239 bytes, not a multiple of 40",
        assertThrows(
                PieFormatException.class,
                () ->
                    CairoPie.read(
                        rezip(
                            good,
                            "memory.bin",
                            b -> java.util.Arrays.copyOf(b, b.length - 1),
                            false)))
            .getMessage());
    CairoPie wrongSize =
        CairoPie.read(
            rezip(
                good,
                "metadata.json",
                b ->
                    new String(b)
                        .replace(
                            "\"program_segment\":{\"index\":0,\"size\":54}",
                            "\"program_segment\":{\"index\":0,\"size\":53}")
                        .getBytes(),
                false));
    assertEquals(
        "program_segment.size 53 differs from the program's 54 words",
        assertThrows(PieFormatException.class, wrongSize::validate).getMessage());
    CairoPie wrongSteps =
        CairoPie.read(
            rezip(
                good,
                "execution_resources.json",
                b -> new String(b).replace("\"n_steps\":89", "\"n_steps\":88").getBytes(),
                false));
    assertEquals(
        "re-run took 89 steps, the PIE says 88",
        assertThrows(PieFormatException.class, () -> PieRerun.check(wrongSteps, Layout.ALL_CAIRO))
            .getMessage());
  }

  /** Rewrites one entry (dropping it when transform is null and not stored). */
  private static byte[] rezip(
      byte[] zip, String name, java.util.function.UnaryOperator<byte[]> transform, boolean store)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip));
        ZipOutputStream z = new ZipOutputStream(out)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] content = in.readAllBytes();
        if (e.getName().equals(name)) {
          if (store) {
            ZipEntry s = new ZipEntry(name);
            s.setMethod(ZipEntry.STORED);
            s.setSize(content.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(content);
            s.setCrc(crc.getValue());
            z.putNextEntry(s);
            z.write(content);
            continue;
          }
          if (transform == null) {
            continue;
          }
          content = transform.apply(content);
        }
        z.putNextEntry(new ZipEntry(e.getName()));
        z.write(content);
      }
    }
    return out.toByteArray();
  }
}
