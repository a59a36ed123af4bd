package dev.hdp.cairo.pie;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.builtins.BuiltinRunner;
import dev.hdp.cairo.builtins.Layout;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.StrippedProgram;
import dev.hdp.cairo.runner.CairoRunner;
import dev.hdp.cairo.runner.ExecutionResources;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A Cairo PIE: metadata, memory, builtins' additional data, execution resources and version, as
 * {@code cairo_pie.py} and lambdaclass' cairo-vm write them.
 */
public record CairoPie(
    PieMetadata metadata,
    List<PieCell> memory,
    Map<String, Object> additionalData,
    ExecutionResources executionResources,
    String version) {

  /** The version this code writes. */
  public static final String CURRENT_VERSION = "1.1";

  static final String METADATA = "metadata.json";
  static final String MEMORY = "memory.bin";
  static final String ADDITIONAL_DATA = "additional_data.json";
  static final String EXECUTION_RESOURCES = "execution_resources.json";
  static final String VERSION = "version.json";
  private static final Set<String> REQUIRED =
      Set.of(METADATA, MEMORY, ADDITIONAL_DATA, EXECUTION_RESOURCES);
  private static final long MAX_ENTRY = 5L << 30;
  private static final BigInteger TWO_255 = BigInteger.ONE.shiftLeft(255);
  private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  public CairoPie {
    memory = List.copyOf(memory);
    additionalData = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(additionalData));
  }

  // ------------------------------------------------------------------------------------------
  // From a run

  /** The PIE of a finished normal (non-proof-mode) run. */
  public static CairoPie fromRun(CairoRunner runner) {
    if (runner.options().proofMode()) {
      throw new IllegalArgumentException("a PIE needs a normal run, not proof mode");
    }
    CompiledProgram program = runner.program();
    Memory mem = runner.memory();
    Map<String, SegmentInfo> builtinSegments = new LinkedHashMap<>();
    Set<Integer> known = new java.util.HashSet<>();
    for (String name : program.builtins()) {
      BuiltinRunner b = runner.builtins().get(name);
      builtinSegments.put(name, new SegmentInfo(b.segmentIndex(), b.stopPointer().offset()));
      known.add(b.segmentIndex());
    }
    Relocatable retFp = runner.returnFp();
    Relocatable retPc = runner.endPc();
    known.add(runner.programBase().segment());
    known.add(runner.executionBase().segment());
    known.add(retFp.segment());
    known.add(retPc.segment());
    List<SegmentInfo> extra = new ArrayList<>();
    for (int s = 0; s < mem.segmentCount(); s++) {
      if (!known.contains(s)) {
        extra.add(new SegmentInfo(s, mem.size(s)));
      }
    }
    PieMetadata metadata =
        new PieMetadata(
            program.strip(),
            new SegmentInfo(runner.programBase().segment(), program.data().size()),
            new SegmentInfo(
                runner.executionBase().segment(), runner.vm().ap().sub(runner.executionBase())),
            new SegmentInfo(retFp.segment(), 0),
            new SegmentInfo(retPc.segment(), 0),
            builtinSegments,
            extra);
    List<PieCell> cells = new ArrayList<>();
    for (int s = 0; s < mem.segmentCount(); s++) {
      final int seg = s;
      mem.forEachCell(
          s,
          (offset, value) -> cells.add(new PieCell(new Relocatable(seg, offset), value.toValue())));
    }
    Map<String, Object> additional = new LinkedHashMap<>();
    for (BuiltinRunner b : runner.builtins().values()) {
      additional.put(b.pieKey(), b.additionalData());
    }
    return new CairoPie(metadata, cells, additional, runner.executionResources(), CURRENT_VERSION);
  }

  /**
   * This PIE with all extra segments merged into one (at the first extra index), addresses and
   * pointer values moved accordingly; what {@code write_zip_file(path, merge_extra_segments=true)}
   * produces.
   */
  public CairoPie mergeExtraSegments() {
    List<SegmentInfo> extra = metadata.extraSegments();
    if (extra.size() <= 1) {
      return this;
    }
    int target = extra.getFirst().index();
    Map<Integer, Long> shift = new HashMap<>();
    long total = 0;
    for (SegmentInfo s : extra) {
      shift.put(s.index(), total);
      total += s.size();
    }
    List<PieCell> cells = new ArrayList<>(memory.size());
    for (PieCell c : memory) {
      cells.add(
          new PieCell(
              move(c.address(), shift, target),
              c.value() instanceof Relocatable r ? move(r, shift, target) : c.value()));
    }
    PieMetadata merged =
        new PieMetadata(
            metadata.program(),
            metadata.programSegment(),
            metadata.executionSegment(),
            metadata.retFpSegment(),
            metadata.retPcSegment(),
            metadata.builtinSegments(),
            List.of(new SegmentInfo(target, total)));
    return new CairoPie(merged, cells, additionalData, executionResources, version);
  }

  private static Relocatable move(Relocatable r, Map<Integer, Long> shift, int target) {
    Long by = shift.get(r.segment());
    return by == null ? r : new Relocatable(target, by + r.offset());
  }

  // ------------------------------------------------------------------------------------------
  // Zip

  /** Writes the PIE zip (deflated entries, 1980 timestamps, compact JSON). */
  public byte[] toZip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setMethod(ZipOutputStream.DEFLATED);
      entry(zip, VERSION, json(Map.of("cairo_pie", version)));
      entry(zip, METADATA, json(metadataJson()));
      entry(zip, MEMORY, memoryBin());
      entry(zip, ADDITIONAL_DATA, json(additionalData));
      entry(zip, EXECUTION_RESOURCES, json(resourcesJson()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes the PIE zip to a file. */
  public void write(Path file) throws IOException {
    Files.write(file, toZip());
  }

  private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.DEFLATED);
    e.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
    zip.putNextEntry(e);
    zip.write(content);
    zip.closeEntry();
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> metadataJson() {
    StrippedProgram p = metadata.program();
    Map<String, Object> program = new LinkedHashMap<>();
    program.put("data", p.data());
    program.put("builtins", p.builtins());
    program.put("main", p.main());
    program.put("prime", p.prime());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("program", program);
    out.put("program_segment", metadata.programSegment());
    out.put("execution_segment", metadata.executionSegment());
    out.put("ret_fp_segment", metadata.retFpSegment());
    out.put("ret_pc_segment", metadata.retPcSegment());
    out.put("builtin_segments", metadata.builtinSegments());
    out.put("extra_segments", metadata.extraSegments());
    return out;
  }

  private Map<String, Object> resourcesJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n_steps", executionResources.nSteps());
    out.put("n_memory_holes", executionResources.nMemoryHoles());
    out.put("builtin_instance_counter", executionResources.builtinInstanceCounter());
    return out;
  }

  /** {@code memory.bin}: 40-byte records, address (8 bytes LE) then value (32 bytes LE). */
  byte[] memoryBin() {
    List<PieCell> sorted = new ArrayList<>(memory);
    sorted.sort(Comparator.comparing(PieCell::address));
    byte[] out = new byte[40 * sorted.size()];
    int at = 0;
    for (PieCell c : sorted) {
      long addr = (1L << 63) | ((long) c.address().segment() << 47) | c.address().offset();
      for (int i = 0; i < 8; i++) {
        out[at + i] = (byte) (addr >>> (8 * i));
      }
      BigInteger v =
          switch (c.value()) {
            case Relocatable r ->
                TWO_255
                    .add(BigInteger.valueOf(r.segment()).shiftLeft(47))
                    .add(BigInteger.valueOf(r.offset()));
            case MaybeRelocatable.Int i -> i.value().toBigInteger();
          };
      byte[] be = v.toByteArray();
      for (int i = 0; i < be.length && i < 32; i++) {
        out[at + 8 + i] = be[be.length - 1 - i];
      }
      at += 40;
    }
    return out;
  }

  /** Reads a PIE file. */
  public static CairoPie read(Path file) throws IOException {
    return read(Files.readAllBytes(file));
  }

  /** Reads a PIE zip strictly: the five known entries, all deflated, nothing else. */
  public static CairoPie read(byte[] zipBytes) {
    if (zipBytes.length < 2 || zipBytes[0] != 'P' || zipBytes[1] != 'K') {
      throw new PieFormatException("not a zip file (it must start with PK)");
    }
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        String name = e.getName();
        if (!REQUIRED.contains(name) && !VERSION.equals(name)) {
          throw new PieFormatException("unexpected entry " + name + " in the PIE zip");
        }
        if (e.getMethod() != ZipEntry.DEFLATED) {
          throw new PieFormatException("entry " + name + " is not deflated");
        }
        if (entries.containsKey(name)) {
          throw new PieFormatException("entry " + name + " appears twice");
        }
        byte[] content = zip.readNBytes((int) Math.min(MAX_ENTRY, Integer.MAX_VALUE - 16));
        if (zip.read() != -1) {
          throw new PieFormatException("entry " + name + " is too large");
        }
        entries.put(name, content);
      }
    } catch (IOException ex) {
      throw new PieFormatException("cannot read the PIE zip: " + ex.getMessage(), ex);
    }
    for (String r : REQUIRED) {
      if (!entries.containsKey(r)) {
        throw new PieFormatException("the PIE zip has no " + r);
      }
    }
    String version = "1.0";
    if (entries.containsKey(VERSION)) {
      JsonNode v = tree(entries.get(VERSION), VERSION);
      if (!v.path("cairo_pie").isTextual()) {
        throw new PieFormatException(VERSION + ": cairo_pie must be a string");
      }
      version = v.get("cairo_pie").asText();
    }
    PieMetadata metadata = parseMetadata(tree(entries.get(METADATA), METADATA));
    List<PieCell> cells = parseMemory(entries.get(MEMORY));
    Map<String, Object> additional;
    try {
      Object a = JSON.readValue(entries.get(ADDITIONAL_DATA), Object.class);
      if (!(a instanceof Map<?, ?> m)) {
        throw new PieFormatException(ADDITIONAL_DATA + " must be an object");
      }
      additional = new LinkedHashMap<>();
      for (var e : m.entrySet()) {
        additional.put(e.getKey().toString(), e.getValue());
      }
    } catch (IOException ex) {
      throw new PieFormatException(ADDITIONAL_DATA + " is not valid JSON: " + ex.getMessage(), ex);
    }
    ExecutionResources resources =
        parseResources(tree(entries.get(EXECUTION_RESOURCES), EXECUTION_RESOURCES));
    return new CairoPie(metadata, cells, additional, resources, version);
  }

  private static JsonNode tree(byte[] bytes, String name) {
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw new PieFormatException(name + " must be a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new PieFormatException(name + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode field(JsonNode n, String name, String where) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new PieFormatException(where + "." + name + " is missing");
    }
    return v;
  }

  private static long integer(JsonNode n, String where) {
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new PieFormatException(where + " must be an integer");
    }
    return n.longValue();
  }

  private static SegmentInfo segment(JsonNode n, String where) {
    if (!n.isObject()) {
      throw new PieFormatException(where + " must be an object");
    }
    long index = integer(field(n, "index", where), where + ".index");
    long size = integer(field(n, "size", where), where + ".size");
    if (index < 0 || index > Integer.MAX_VALUE || size < 0) {
      throw new PieFormatException(where + " has a negative or too large index or size");
    }
    return new SegmentInfo((int) index, size);
  }

  private static PieMetadata parseMetadata(JsonNode m) {
    JsonNode p = field(m, "program", "metadata");
    List<BigInteger> data = new ArrayList<>();
    JsonNode d = field(p, "data", "metadata.program");
    if (!d.isArray()) {
      throw new PieFormatException("metadata.program.data must be an array");
    }
    for (int i = 0; i < d.size(); i++) {
      JsonNode w = d.get(i);
      if (w.isIntegralNumber()) {
        data.add(w.bigIntegerValue());
      } else if (w.isTextual() && w.asText().startsWith("0x")) {
        data.add(new BigInteger(w.asText().substring(2), 16));
      } else {
        throw new PieFormatException("metadata.program.data[" + i + "] must be an integer");
      }
    }
    List<String> builtins = new ArrayList<>();
    JsonNode b = field(p, "builtins", "metadata.program");
    if (!b.isArray()) {
      throw new PieFormatException("metadata.program.builtins must be an array");
    }
    b.forEach(x -> builtins.add(x.asText()));
    JsonNode primeNode = field(p, "prime", "metadata.program");
    BigInteger prime =
        primeNode.isTextual()
            ? new BigInteger(
                primeNode.asText().replaceFirst("^0x", ""),
                primeNode.asText().startsWith("0x") ? 16 : 10)
            : primeNode.bigIntegerValue();
    long main = integer(field(p, "main", "metadata.program"), "metadata.program.main");
    StrippedProgram program;
    try {
      program = new StrippedProgram(prime, data, builtins, (int) main);
    } catch (RuntimeException e) {
      throw new PieFormatException("metadata.program: " + e.getMessage(), e);
    }
    Map<String, SegmentInfo> builtinSegments = new LinkedHashMap<>();
    JsonNode bs = field(m, "builtin_segments", "metadata");
    bs.properties()
        .forEach(
            e ->
                builtinSegments.put(
                    e.getKey(), segment(e.getValue(), "metadata.builtin_segments." + e.getKey())));
    List<SegmentInfo> extra = new ArrayList<>();
    JsonNode es = field(m, "extra_segments", "metadata");
    for (int i = 0; i < es.size(); i++) {
      extra.add(segment(es.get(i), "metadata.extra_segments[" + i + "]"));
    }
    return new PieMetadata(
        program,
        segment(field(m, "program_segment", "metadata"), "metadata.program_segment"),
        segment(field(m, "execution_segment", "metadata"), "metadata.execution_segment"),
        segment(field(m, "ret_fp_segment", "metadata"), "metadata.ret_fp_segment"),
        segment(field(m, "ret_pc_segment", "metadata"), "metadata.ret_pc_segment"),
        builtinSegments,
        extra);
  }

  private static ExecutionResources parseResources(JsonNode r) {
    long steps = integer(field(r, "n_steps", "execution_resources"), "execution_resources.n_steps");
    long holes =
        integer(
            field(r, "n_memory_holes", "execution_resources"),
            "execution_resources.n_memory_holes");
    Map<String, Long> counters = new LinkedHashMap<>();
    JsonNode c = field(r, "builtin_instance_counter", "execution_resources");
    c.properties()
        .forEach(
            e ->
                counters.put(
                    e.getKey(),
                    integer(
                        e.getValue(),
                        "execution_resources.builtin_instance_counter." + e.getKey())));
    return new ExecutionResources(steps, holes, counters);
  }

  private static List<PieCell> parseMemory(byte[] bin) {
    if (bin.length % 40 != 0) {
      throw new PieFormatException("memory.bin has " + bin.length + " bytes, not a multiple of 40");
    }
    List<PieCell> cells = new ArrayList<>(bin.length / 40);
    for (int at = 0; at < bin.length; at += 40) {
      long addr = 0;
      for (int i = 7; i >= 0; i--) {
        addr = (addr << 8) | (bin[at + i] & 0xFF);
      }
      if (addr >= 0) {
        throw new PieFormatException(
            "memory.bin record " + at / 40 + ": address lacks the top bit");
      }
      long rest = addr & Long.MAX_VALUE;
      Relocatable address = new Relocatable((int) (rest >>> 47), rest & ((1L << 47) - 1));
      byte[] be = new byte[33];
      for (int i = 0; i < 32; i++) {
        be[32 - i] = bin[at + 8 + i];
      }
      BigInteger v = new BigInteger(be);
      MaybeRelocatable value;
      if (v.testBit(255)) {
        BigInteger r = v.subtract(TWO_255);
        if (r.bitLength() > 63) {
          throw new PieFormatException(
              "memory.bin record " + at / 40 + ": address value too large");
        }
        long packed = r.longValue();
        value = new Relocatable((int) (packed >>> 47), packed & ((1L << 47) - 1));
      } else {
        if (v.compareTo(CompiledProgram.STARK_PRIME) >= 0) {
          throw new PieFormatException(
              "memory.bin record "
                  + at / 40
                  + " at "
                  + address
                  + ": value "
                  + v
                  + " is not below the prime");
        }
        value = MaybeRelocatable.of(v);
      }
      cells.add(new PieCell(address, value));
    }
    return cells;
  }

  // ------------------------------------------------------------------------------------------
  // Validity

  /** The checks of {@code CairoPie.run_validity_checks}; throws naming the first failure. */
  public void validate() {
    StrippedProgram p = metadata.program();
    if (!p.prime().equals(CompiledProgram.STARK_PRIME)) {
      throw new PieFormatException(
          "metadata.program.prime " + p.prime() + " is not the STARK prime");
    }
    if (p.prime().compareTo(TWO_63) <= 0) {
      throw new PieFormatException("the prime must exceed 2^63");
    }
    for (int i = 0; i < p.data().size(); i++) {
      BigInteger w = p.data().get(i);
      if (w.signum() < 0 || w.compareTo(p.prime()) >= 0) {
        throw new PieFormatException("metadata.program.data[" + i + "] is not in [0, prime)");
      }
    }
    try {
      dev.hdp.cairo.builtins.BuiltinRunners.checkOrder(p.builtins());
    } catch (IllegalArgumentException e) {
      throw new PieFormatException("metadata.program.builtins: " + e.getMessage());
    }
    if (new java.util.HashSet<>(p.builtins()).size() != p.builtins().size()) {
      throw new PieFormatException("metadata.program.builtins has duplicates");
    }
    // Segment order: program 0, execution 1, builtins 2.., ret_fp, ret_pc, extra.
    if (metadata.programSegment().index() != 0) {
      throw new PieFormatException(
          "program_segment.index must be 0, got " + metadata.programSegment().index());
    }
    if (metadata.programSegment().size() != p.data().size()) {
      throw new PieFormatException(
          "program_segment.size "
              + metadata.programSegment().size()
              + " differs from the program's "
              + p.data().size()
              + " words");
    }
    if (metadata.executionSegment().index() != 1) {
      throw new PieFormatException(
          "execution_segment.index must be 1, got " + metadata.executionSegment().index());
    }
    if (!List.copyOf(metadata.builtinSegments().keySet()).equals(p.builtins())) {
      throw new PieFormatException(
          "builtin_segments "
              + metadata.builtinSegments().keySet()
              + " differ from the program's builtins "
              + p.builtins());
    }
    int expected = 2;
    for (var e : metadata.builtinSegments().entrySet()) {
      if (e.getValue().index() != expected) {
        throw new PieFormatException(
            "builtin_segments."
                + e.getKey()
                + ".index must be "
                + expected
                + ", got "
                + e.getValue().index());
      }
      expected++;
    }
    if (metadata.retFpSegment().index() != expected || metadata.retFpSegment().size() != 0) {
      throw new PieFormatException(
          "ret_fp_segment must be {index "
              + expected
              + ", size 0}, got "
              + metadata.retFpSegment());
    }
    expected++;
    if (metadata.retPcSegment().index() != expected || metadata.retPcSegment().size() != 0) {
      throw new PieFormatException(
          "ret_pc_segment must be {index "
              + expected
              + ", size 0}, got "
              + metadata.retPcSegment());
    }
    expected++;
    for (SegmentInfo s : metadata.extraSegments()) {
      if (s.index() != expected) {
        throw new PieFormatException(
            "extra segment index must be " + expected + ", got " + s.index());
      }
      expected++;
    }
    long[] sizes = metadata.segmentSizes();
    Set<Relocatable> seen = new java.util.HashSet<>();
    for (PieCell c : memory) {
      Relocatable a = c.address();
      if (a.segment() >= sizes.length || a.offset() >= sizes[a.segment()]) {
        throw new PieFormatException(
            "memory cell "
                + a
                + " is outside its segment"
                + (a.segment() < sizes.length
                    ? " of size " + sizes[a.segment()]
                    : " (unknown segment)"));
      }
      if (!seen.add(a)) {
        throw new PieFormatException("memory cell " + a + " appears twice");
      }
      if (c.value() instanceof Relocatable r && (r.segment() >= sizes.length || r.offset() < 0)) {
        throw new PieFormatException("memory cell " + a + " points to an unknown segment: " + r);
      }
    }
    Set<String> keys = new java.util.LinkedHashSet<>();
    p.builtins().forEach(b -> keys.add(b + "_builtin"));
    if (!executionResources.builtinInstanceCounter().keySet().equals(keys)) {
      throw new PieFormatException(
          "execution_resources.builtin_instance_counter keys "
              + executionResources.builtinInstanceCounter().keySet()
              + " differ from "
              + keys);
    }
    if (executionResources.nSteps() < 1 || executionResources.nSteps() >= (1L << 30)) {
      throw new PieFormatException(
          "execution_resources.n_steps " + executionResources.nSteps() + " is not in [1, 2^30)");
    }
    if (executionResources.nMemoryHoles() < 0) {
      throw new PieFormatException("execution_resources.n_memory_holes is negative");
    }
    if (!keys.containsAll(additionalData.keySet())) {
      throw new PieFormatException(
          "additional_data has keys " + additionalData.keySet() + " beyond " + keys);
    }
  }

  /** The program's output: the output segment's cells (empty without an output builtin). */
  public List<BigInteger> output() {
    SegmentInfo out = metadata.builtinSegments().get("output");
    if (out == null) {
      return List.of();
    }
    Map<Long, BigInteger> byOffset = new HashMap<>();
    for (PieCell c : memory) {
      if (c.address().segment() == out.index()) {
        if (!(c.value() instanceof MaybeRelocatable.Int i)) {
          throw new PieFormatException("output cell " + c.address() + " is an address");
        }
        byOffset.put(c.address().offset(), i.value().toBigInteger());
      }
    }
    List<BigInteger> values = new ArrayList<>();
    for (long i = 0; i < out.size(); i++) {
      BigInteger v = byOffset.get(i);
      if (v == null) {
        throw new PieFormatException("output cell " + i + " is missing");
      }
      values.add(v);
    }
    return values;
  }

  /** The output builtin's pages and attributes from the additional data (or empty ones). */
  @SuppressWarnings("unchecked") // JSON objects read as maps
  public Map<String, Object> outputBuiltinData() {
    Object o = additionalData.get("output_builtin");
    return o instanceof Map<?, ?> m
        ? (Map<String, Object>) m
        : Map.of("pages", Map.of(), "attributes", Map.of());
  }

  /** The default layout for re-running PIEs. */
  public static Layout defaultLayout() {
    return Layout.ALL_CAIRO;
  }
}
