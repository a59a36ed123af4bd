package dev.hdp.cairo.bootloader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hdp.cairo.crypto.Felt252;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Strict reading of the bootloader inputs' JSON values, with messages that name the field. */
final class JsonFields {
  private JsonFields() {}

  /** Rejects fields of {@code node} outside {@code allowed}. */
  static void checkFields(JsonNode node, Set<String> allowed, String where) {
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!allowed.contains(f)) {
                throw new BootloaderInputException(at(where, f) + ": unknown field");
              }
            });
  }

  /** {@code where.field}, or {@code field} at the top level (empty {@code where}). */
  static String at(String where, String field) {
    return where.isEmpty() ? field : where + "." + field;
  }

  /** A required list (a JSON array). */
  static JsonNode list(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      throw new BootloaderInputException(where + ": missing field");
    }
    if (!node.isArray()) {
      throw new BootloaderInputException(where + ": expected a list, got " + node.getNodeType());
    }
    return node;
  }

  /** A required list of field elements. */
  static List<BigInteger> felts(JsonNode node, String where) {
    JsonNode array = list(node, where);
    List<BigInteger> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(felt(array.get(i), where + "[" + i + "]"));
    }
    return out;
  }

  /**
   * A required field element: a non-negative JSON integer or a {@code 0x} hex string, below the
   * field prime.
   */
  static BigInteger felt(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      throw new BootloaderInputException(where + ": missing field");
    }
    BigInteger value;
    if (node.isIntegralNumber()) {
      value = node.bigIntegerValue();
    } else if (node.isTextual() && node.asText().matches("0[xX][0-9a-fA-F]+")) {
      value = new BigInteger(node.asText().substring(2), 16);
    } else {
      throw new BootloaderInputException(
          where + ": expected an integer or a 0x hex string, got " + node);
    }
    if (value.signum() < 0 || value.compareTo(Felt252.PRIME) >= 0) {
      throw new BootloaderInputException(where + ": " + value + " is not a field element");
    }
    return value;
  }
}
