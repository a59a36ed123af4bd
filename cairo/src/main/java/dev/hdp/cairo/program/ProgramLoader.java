package dev.hdp.cairo.program;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON that {@code cairo-compile} writes. Strict: a missing or mistyped field, a data
 * word at or above the prime, a hint outside the data or a hint naming an unknown reference is a
 * {@link ProgramFormatException} whose message names the field.
 */
public final class ProgramLoader {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ProgramLoader() {}

  /** Loads a compiled program from a file. */
  public static CompiledProgram load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Loads a compiled program from JSON bytes. */
  public static CompiledProgram parse(byte[] json) {
    return parse(readTree(json));
  }

  /** Loads a compiled program from a JSON stream. */
  public static CompiledProgram parse(InputStream json) throws IOException {
    return parse(readTree(json.readAllBytes()));
  }

  private static JsonNode readTree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ProgramFormatException("program is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds the model from a parsed JSON tree. */
  public static CompiledProgram parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new ProgramFormatException("program JSON must be an object");
    }
    BigInteger prime = bigInt(required(root, "prime"), "prime");
    if (prime.bitLength() <= 63) {
      throw new ProgramFormatException("prime " + prime + " must exceed 2^63");
    }
    List<BigInteger> data = new ArrayList<>();
    JsonNode dataNode = array(required(root, "data"), "data");
    for (int i = 0; i < dataNode.size(); i++) {
      BigInteger word = bigInt(dataNode.get(i), "data[" + i + "]");
      if (word.signum() < 0 || word.compareTo(prime) >= 0) {
        throw new ProgramFormatException("data[" + i + "] = " + word + " is not in [0, prime)");
      }
      data.add(word);
    }
    List<String> builtins = new ArrayList<>();
    JsonNode builtinsNode = array(required(root, "builtins"), "builtins");
    for (int i = 0; i < builtinsNode.size(); i++) {
      String name = text(builtinsNode.get(i), "builtins[" + i + "]");
      if (builtins.contains(name)) {
        throw new ProgramFormatException("builtins[" + i + "] = " + name + " is repeated");
      }
      builtins.add(name);
    }
    List<ReferenceSpec> references = new ArrayList<>();
    JsonNode refManager = object(required(root, "reference_manager"), "reference_manager");
    JsonNode refs = array(required(refManager, "references"), "reference_manager.references");
    for (int i = 0; i < refs.size(); i++) {
      references.add(referenceSpec(refs.get(i), "reference_manager.references[" + i + "]"));
    }
    Map<Integer, List<HintSpec>> hints = new HashMap<>();
    JsonNode hintsNode = object(required(root, "hints"), "hints");
    for (var entry : hintsNode.properties()) {
      String where = "hints[" + entry.getKey() + "]";
      int pc = parsePc(entry.getKey(), where);
      if (pc >= data.size()) {
        throw new ProgramFormatException(
            where + " is at or past the end of data (" + data.size() + ")");
      }
      JsonNode list = array(entry.getValue(), where);
      List<HintSpec> atPc = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String hw = where + "[" + i + "]";
        JsonNode h = object(list.get(i), hw);
        FlowTrackingData flow =
            flowTracking(required(h, "flow_tracking_data", hw), hw + ".flow_tracking_data");
        for (var ref : flow.referenceIds().entrySet()) {
          if (ref.getValue() < 0 || ref.getValue() >= references.size()) {
            throw new ProgramFormatException(
                hw
                    + " names reference "
                    + ref.getValue()
                    + " ("
                    + ref.getKey()
                    + "), but there are "
                    + references.size());
          }
        }
        atPc.add(
            new HintSpec(
                text(required(h, "code", hw), hw + ".code"),
                strings(required(h, "accessible_scopes", hw), hw + ".accessible_scopes"),
                flow));
      }
      hints.put(pc, atPc);
    }
    Map<String, Identifier> identifiers = new LinkedHashMap<>();
    JsonNode idsNode = object(required(root, "identifiers"), "identifiers");
    for (var entry : idsNode.properties()) {
      identifiers.put(
          entry.getKey(), identifier(entry.getValue(), "identifiers[" + entry.getKey() + "]"));
    }
    List<Attribute> attributes = new ArrayList<>();
    JsonNode attrs = root.get("attributes");
    if (attrs != null && !attrs.isNull()) {
      array(attrs, "attributes");
      for (int i = 0; i < attrs.size(); i++) {
        attributes.add(attribute(attrs.get(i), "attributes[" + i + "]"));
      }
    }
    String mainScope =
        root.hasNonNull("main_scope") ? text(root.get("main_scope"), "main_scope") : "__main__";
    String compilerVersion =
        root.hasNonNull("compiler_version")
            ? text(root.get("compiler_version"), "compiler_version")
            : null;
    DebugInfo debugInfo =
        root.hasNonNull("debug_info") ? debugInfo(root.get("debug_info"), "debug_info") : null;
    CompiledProgram program =
        new CompiledProgram(
            prime,
            data,
            builtins,
            hints,
            identifiers,
            references,
            attributes,
            mainScope,
            compilerVersion,
            debugInfo);
    checkEntryPoint(program, "main");
    checkEntryPoint(program, "__start__");
    checkEntryPoint(program, "__end__");
    return program;
  }

  private static void checkEntryPoint(CompiledProgram program, String name) {
    var pc = program.pcOf(program.mainScope() + "." + name);
    if (pc.isPresent() && (pc.getAsInt() < 0 || pc.getAsInt() >= program.data().size())) {
      throw new ProgramFormatException(
          "identifiers["
              + program.mainScope()
              + "."
              + name
              + "].pc = "
              + pc.getAsInt()
              + " is outside data ("
              + program.data().size()
              + " words)");
    }
  }

  private static Identifier identifier(JsonNode node, String where) {
    object(node, where);
    String type = text(required(node, "type", where), where + ".type");
    return switch (type) {
      case "function" -> {
        List<String> decorators =
            node.has("decorators")
                ? strings(node.get("decorators"), where + ".decorators")
                : List.of();
        yield new Identifier.Function(
            integer(required(node, "pc", where), where + ".pc"), decorators);
      }
      case "label" -> new Identifier.Label(integer(required(node, "pc", where), where + ".pc"));
      case "const" ->
          new Identifier.Const(bigInt(required(node, "value", where), where + ".value"));
      case "struct" -> {
        Map<String, Identifier.Member> members = new LinkedHashMap<>();
        JsonNode ms = object(required(node, "members", where), where + ".members");
        List<Map.Entry<String, JsonNode>> sorted = new ArrayList<>();
        ms.properties().forEach(sorted::add);
        sorted.sort(
            java.util.Comparator.comparingInt(
                e -> e.getValue().has("offset") ? e.getValue().get("offset").asInt() : 0));
        for (var m : sorted) {
          String mw = where + ".members." + m.getKey();
          members.put(
              m.getKey(),
              new Identifier.Member(
                  text(required(m.getValue(), "cairo_type", mw), mw + ".cairo_type"),
                  integer(required(m.getValue(), "offset", mw), mw + ".offset")));
        }
        yield new Identifier.Struct(
            node.hasNonNull("full_name") ? text(node.get("full_name"), where + ".full_name") : null,
            members,
            integer(required(node, "size", where), where + ".size"));
      }
      case "alias" ->
          new Identifier.Alias(text(required(node, "destination", where), where + ".destination"));
      case "type_definition" ->
          new Identifier.TypeDefinition(
              text(required(node, "cairo_type", where), where + ".cairo_type"));
      case "namespace", "scope" -> new Identifier.Namespace();
      case "reference" -> {
        List<ReferenceSpec> refs = new ArrayList<>();
        JsonNode list = array(required(node, "references", where), where + ".references");
        for (int i = 0; i < list.size(); i++) {
          refs.add(referenceSpec(list.get(i), where + ".references[" + i + "]"));
        }
        yield new Identifier.Reference(
            text(required(node, "cairo_type", where), where + ".cairo_type"),
            node.hasNonNull("full_name") ? text(node.get("full_name"), where + ".full_name") : null,
            refs);
      }
      default -> throw new ProgramFormatException(where + ".type = \"" + type + "\" is unknown");
    };
  }

  private static Attribute attribute(JsonNode node, String where) {
    object(node, where);
    return new Attribute(
        text(required(node, "name", where), where + ".name"),
        text(required(node, "value", where), where + ".value"),
        integer(required(node, "start_pc", where), where + ".start_pc"),
        integer(required(node, "end_pc", where), where + ".end_pc"),
        node.has("accessible_scopes")
            ? strings(node.get("accessible_scopes"), where + ".accessible_scopes")
            : List.of(),
        node.hasNonNull("flow_tracking_data")
            ? flowTracking(node.get("flow_tracking_data"), where + ".flow_tracking_data")
            : null);
  }

  private static DebugInfo debugInfo(JsonNode node, String where) {
    object(node, where);
    Map<Integer, InstructionLocation> locations = new HashMap<>();
    JsonNode locs = node.get("instruction_locations");
    if (locs != null && !locs.isNull()) {
      object(locs, where + ".instruction_locations");
      for (var entry : locs.properties()) {
        String lw = where + ".instruction_locations[" + entry.getKey() + "]";
        JsonNode inst = entry.getValue().get("inst");
        if (inst == null || !inst.isObject()) {
          throw new ProgramFormatException(lw + ".inst is missing");
        }
        JsonNode file = inst.get("input_file");
        String filename =
            file != null && file.hasNonNull("filename") ? file.get("filename").asText() : "?";
        locations.put(
            parsePc(entry.getKey(), lw),
            new InstructionLocation(
                filename,
                inst.path("start_line").asInt(),
                inst.path("start_col").asInt(),
                inst.path("end_line").asInt(),
                inst.path("end_col").asInt()));
      }
    }
    Map<String, String> files = new HashMap<>();
    JsonNode contents = node.get("file_contents");
    if (contents != null && !contents.isNull()) {
      object(contents, where + ".file_contents");
      for (var entry : contents.properties()) {
        files.put(
            entry.getKey(), text(entry.getValue(), where + ".file_contents." + entry.getKey()));
      }
    }
    return new DebugInfo(locations, files);
  }

  private static ReferenceSpec referenceSpec(JsonNode node, String where) {
    object(node, where);
    return new ReferenceSpec(
        integer(required(node, "pc", where), where + ".pc"),
        text(required(node, "value", where), where + ".value"),
        apTracking(required(node, "ap_tracking_data", where), where + ".ap_tracking_data"));
  }

  private static FlowTrackingData flowTracking(JsonNode node, String where) {
    object(node, where);
    ApTracking ap = apTracking(required(node, "ap_tracking", where), where + ".ap_tracking");
    Map<String, Integer> ids = new HashMap<>();
    JsonNode refIds = node.get("reference_ids");
    if (refIds != null && !refIds.isNull()) {
      object(refIds, where + ".reference_ids");
      for (var e : refIds.properties()) {
        ids.put(e.getKey(), integer(e.getValue(), where + ".reference_ids." + e.getKey()));
      }
    }
    return new FlowTrackingData(ap, ids);
  }

  private static ApTracking apTracking(JsonNode node, String where) {
    object(node, where);
    return new ApTracking(
        integer(required(node, "group", where), where + ".group"),
        integer(required(node, "offset", where), where + ".offset"));
  }

  private static int parsePc(String key, String where) {
    try {
      int pc = Integer.parseInt(key);
      if (pc < 0) {
        throw new NumberFormatException();
      }
      return pc;
    } catch (NumberFormatException e) {
      throw new ProgramFormatException(where + ": key is not a non-negative pc");
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    return required(node, field, "program");
  }

  private static JsonNode required(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new ProgramFormatException(where + "." + field + " is missing");
    }
    return value;
  }

  private static JsonNode object(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new ProgramFormatException(where + " must be an object");
    }
    return node;
  }

  private static JsonNode array(JsonNode node, String where) {
    if (!node.isArray()) {
      throw new ProgramFormatException(where + " must be an array");
    }
    return node;
  }

  private static String text(JsonNode node, String where) {
    if (!node.isTextual()) {
      throw new ProgramFormatException(where + " must be a string");
    }
    return node.asText();
  }

  private static List<String> strings(JsonNode node, String where) {
    array(node, where);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(text(node.get(i), where + "[" + i + "]"));
    }
    return out;
  }

  private static int integer(JsonNode node, String where) {
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new ProgramFormatException(where + " must be a 32-bit integer");
    }
    return node.intValue();
  }

  /** A felt written as a JSON integer or as a decimal or 0x-hex string. */
  static BigInteger bigInt(JsonNode node, String where) {
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue();
    }
    if (node.isTextual()) {
      String s = node.asText();
      try {
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        BigInteger v =
            digits.startsWith("0x") || digits.startsWith("0X")
                ? new BigInteger(digits.substring(2), 16)
                : new BigInteger(digits);
        return negative ? v.negate() : v;
      } catch (NumberFormatException e) {
        throw new ProgramFormatException(where + " = \"" + s + "\" is not an integer");
      }
    }
    throw new ProgramFormatException(where + " must be an integer or a hex string");
  }
}
