package dev.hdp.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.core.bytes.Address;
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
 * were not taken. Every error is a {@link JsonFormatException} carrying the JSON path.
 *
 * <p>Shared by every strict JSON reader of the project (requests, batch files, chain-data files),
 * so that they word their errors alike.
 */
public final class JsonObject {
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

  private final JsonNode node;
  private final String path;
  private final Set<String> taken = new LinkedHashSet<>();

  /** Wraps {@code node}, which must be an object, found at {@code path} (empty for the root). */
  public JsonObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new JsonFormatException(path, "must be an object, got " + kind(node));
    }
    this.node = node;
    this.path = path;
  }

  /**
   * Parses a whole document whose top level must be an object: duplicate keys, trailing tokens and
   * malformed JSON are errors.
   */
  public static JsonObject parse(String json) {
    return new JsonObject(Json.read(json), "");
  }

  public String path() {
    return path;
  }

  /** The path of a field of this object. */
  public String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  public boolean has(String field) {
    return node.has(field);
  }

  public JsonNode required(String field) {
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

  public Optional<JsonNode> optional(String field) {
    return has(field) ? Optional.of(required(field)) : Optional.empty();
  }

  public String string(String field) {
    return string(required(field), path(field));
  }

  public JsonObject object(String field) {
    return new JsonObject(required(field), path(field));
  }

  public List<JsonNode> array(String field) {
    JsonNode value = required(field);
    if (!value.isArray()) {
      throw new JsonFormatException(path(field), "must be an array, got " + kind(value));
    }
    List<JsonNode> items = new ArrayList<>();
    value.forEach(items::add);
    return items;
  }

  public boolean bool(String field) {
    JsonNode value = required(field);
    if (!value.isBoolean()) {
      throw new JsonFormatException(path(field), "must be true or false, got " + kind(value));
    }
    return value.booleanValue();
  }

  /** A JSON integer in 0 .. 2^63 − 1 (block numbers, indexes, sizes). */
  public long nonNegativeLong(String field) {
    return nonNegativeLong(required(field), path(field));
  }

  /** The elements of an array field, each of which must be an object, with indexed paths. */
  public List<JsonObject> objects(String field) {
    List<JsonNode> items = array(field);
    List<JsonObject> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(new JsonObject(items.get(i), path(field) + "[" + i + "]"));
    }
    return out;
  }

  /** {@link #objects(String)}, or an empty list when the field is absent. */
  public List<JsonObject> optionalObjects(String field) {
    return has(field) ? objects(field) : List.of();
  }

  /** The elements of an array field read by {@code reader} with their indexed paths. */
  public <T> List<T> list(String field, ValueReader<T> reader) {
    List<JsonNode> items = array(field);
    List<T> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(reader.read(items.get(i), path(field) + "[" + i + "]"));
    }
    return out;
  }

  /** A field read by {@code reader}. */
  public <T> T get(String field, ValueReader<T> reader) {
    return reader.read(required(field), path(field));
  }

  /** Reads one JSON value found at a path; throws {@link JsonFormatException} naming it. */
  @FunctionalInterface
  public interface ValueReader<T> {
    T read(JsonNode value, String path);
  }

  /** Rejects the fields that were not taken, naming the ones that are allowed. */
  public void finish() {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!taken.contains(name)) {
        throw new JsonFormatException(
            path(name), "unknown property (allowed: " + String.join(", ", taken) + ")");
      }
    }
  }

  public static String string(JsonNode value, String path) {
    if (!value.isTextual()) {
      throw new JsonFormatException(path, "must be a string, got " + kind(value));
    }
    return value.textValue();
  }

  public static long nonNegativeLong(JsonNode value, String path) {
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
  public static Bytes32 hexWord(JsonNode value, String path) {
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
  public static Bytes32 bytes32(JsonNode value, String path) {
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

  /** {@code 0x}-prefixed hex of whole bytes (RLP, proof nodes, keys). */
  public static byte[] hexBytes(JsonNode value, String path) {
    try {
      return Hex.decode(string(value, path));
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path, e.getMessage());
    }
  }

  /** A 20-byte address in {@code 0x}-prefixed hex. */
  public static Address address(JsonNode value, String path) {
    try {
      return Address.fromHex(string(value, path));
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path, e.getMessage());
    }
  }

  /** A STARK field element in {@code 0x}-prefixed hex (below the prime), as 32 big-endian bytes. */
  public static Bytes32 felt(JsonNode value, String path) {
    try {
      return Bytes32.of(Felt252.fromHex(string(value, path)).toBytesBE());
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path, e.getMessage());
    }
  }

  public static String kind(JsonNode node) {
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
