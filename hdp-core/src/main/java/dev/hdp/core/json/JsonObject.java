package dev.hdp.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object read strictly: fields are taken by name, and {@link #finish()} rejects any that
 * were not taken. Every error carries the JSON path.
 */
final class JsonObject {
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

  private final JsonNode node;
  private final String path;
  private final Set<String> taken = new LinkedHashSet<>();

  JsonObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new JsonFormatException(path, "must be an object, got " + kind(node));
    }
    this.node = node;
    this.path = path;
  }

  String path() {
    return path;
  }

  /** The path of a field of this object. */
  String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  boolean has(String field) {
    return node.has(field);
  }

  JsonNode required(String field) {
    taken.add(field);
    JsonNode value = node.get(field);
    if (value == null) {
      throw new JsonFormatException(path(field), "is required");
    }
    if (value.isNull()) {
      throw new JsonFormatException(path(field), "must not be null");
    }
    return value;
  }

  Optional<JsonNode> optional(String field) {
    return has(field) ? Optional.of(required(field)) : Optional.empty();
  }

  String string(String field) {
    return string(required(field), path(field));
  }

  JsonObject object(String field) {
    return new JsonObject(required(field), path(field));
  }

  List<JsonNode> array(String field) {
    JsonNode value = required(field);
    if (!value.isArray()) {
      throw new JsonFormatException(path(field), "must be an array, got " + kind(value));
    }
    List<JsonNode> items = new ArrayList<>();
    value.forEach(items::add);
    return items;
  }

  boolean bool(String field) {
    JsonNode value = required(field);
    if (!value.isBoolean()) {
      throw new JsonFormatException(path(field), "must be true or false, got " + kind(value));
    }
    return value.booleanValue();
  }

  /** A JSON integer in 0 .. 2^63 − 1 (block numbers, indexes, sizes). */
  long nonNegativeLong(String field) {
    return nonNegativeLong(required(field), path(field));
  }

  /** Rejects the fields that were not taken, naming the ones that are allowed. */
  void finish() {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!taken.contains(name)) {
        throw new JsonFormatException(
            path(name), "unknown property (allowed: " + String.join(", ", taken) + ")");
      }
    }
  }

  static String string(JsonNode value, String path) {
    if (!value.isTextual()) {
      throw new JsonFormatException(path, "must be a string, got " + kind(value));
    }
    return value.textValue();
  }

  static long nonNegativeLong(JsonNode value, String path) {
    if (!value.isIntegralNumber()) {
      throw new JsonFormatException(path, "must be a non-negative integer, got " + kind(value));
    }
    BigInteger big = value.bigIntegerValue();
    if (big.signum() < 0 || big.compareTo(MAX_LONG) > 0) {
      throw new JsonFormatException(path, "must be in 0.." + Long.MAX_VALUE + ", got " + big);
    }
    return big.longValueExact();
  }

  /**
   * A {@code 0x}-prefixed hex number of 1..64 digits (felts and hashes), left-padded to 32 bytes.
   */
  static Bytes32 hexWord(JsonNode value, String path) {
    String text = string(value, path);
    if (!(text.startsWith("0x") || text.startsWith("0X"))
        || text.length() < 3
        || text.length() > 66
        || !text.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new JsonFormatException(
          path, "must be 0x and 1 to 64 hex digits, got '" + abbreviate(text) + "'");
    }
    return Bytes32.fromBigInteger(new BigInteger(text.substring(2), 16));
  }

  /** Exactly 32 bytes of {@code 0x}-prefixed hex (64 digits). */
  static Bytes32 bytes32(JsonNode value, String path) {
    String text = string(value, path);
    if (!text.startsWith("0x") || text.length() != 66) {
      throw new JsonFormatException(
          path, "must be 0x and 64 hex digits, got '" + abbreviate(text) + "'");
    }
    try {
      return Bytes32.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path, e.getMessage());
    }
  }

  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "the string \"" + abbreviate(node.textValue()) + "\"";
      case NUMBER -> "the number " + abbreviate(node.asText());
      case BOOLEAN -> node.asText();
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }

  private static String abbreviate(String s) {
    return Hex.abbreviate(s);
  }
}
