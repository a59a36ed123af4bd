package dev.hdp.cairo.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON the way {@code cairo-compile} does (Python's {@code json.dump} with a 4-space indent
 * and ASCII-only strings): object keys sorted, numerically when they are all pcs. Hand-written
 * because no JSON library reproduces Python's layout byte for byte.
 */
public final class ProgramJsonWriter {
  private ProgramJsonWriter() {}

  /** The text of {@code node}. */
  public static String write(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(node, sb, 0);
    return sb.toString();
  }

  private static void write(JsonNode node, StringBuilder sb, int depth) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        sb.append("{}");
        return;
      }
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      node.properties().forEach(entries::add);
      boolean numeric = entries.stream().allMatch(e -> e.getKey().matches("\\d{1,9}"));
      if (numeric) {
        entries.sort(
            (a, b) -> Integer.compare(Integer.parseInt(a.getKey()), Integer.parseInt(b.getKey())));
      } else {
        entries.sort(Map.Entry.comparingByKey());
      }
      sb.append("{\n");
      for (int i = 0; i < entries.size(); i++) {
        indent(sb, depth + 1);
        string(entries.get(i).getKey(), sb);
        sb.append(": ");
        write(entries.get(i).getValue(), sb, depth + 1);
        sb.append(i + 1 < entries.size() ? ",\n" : "\n");
      }
      indent(sb, depth);
      sb.append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        indent(sb, depth + 1);
        write(node.get(i), sb, depth + 1);
        sb.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      indent(sb, depth);
      sb.append(']');
    } else if (node.isTextual()) {
      string(node.asText(), sb);
    } else if (node.isIntegralNumber()) {
      sb.append(node.bigIntegerValue());
    } else if (node.isBoolean()) {
      sb.append(node.asBoolean() ? "true" : "false");
    } else if (node.isNull()) {
      sb.append("null");
    } else {
      sb.append(node.toString());
    }
  }

  private static void indent(StringBuilder sb, int depth) {
    sb.append("    ".repeat(depth));
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
