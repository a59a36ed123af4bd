package dev.hdp.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;

/** The shared strict mapper and the serde-compatible pretty printer. */
final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /** serde_json's pretty layout: two-space indent, {@code "key": value}, {@code []} when empty. */
  private static final DefaultPrettyPrinter SERDE_PRETTY =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"));

  private static final ObjectWriter PRETTY = MAPPER.writer(SERDE_PRETTY);

  private Json() {}

  static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new JsonFormatException("", "not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** A generator printing serde_json's pretty layout, for documents too big to build as trees. */
  static JsonGenerator prettyGenerator(Writer out) throws IOException {
    JsonGenerator generator = MAPPER.getFactory().createGenerator(out);
    generator.setPrettyPrinter(SERDE_PRETTY.createInstance());
    return generator;
  }

  static String pretty(JsonNode node) {
    try {
      return PRETTY.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print a JSON tree", e);
    }
  }

  /** A felt or hash as serde prints a {@code Felt}: lowercase hex without leading zeros. */
  static String minimalHex(BigInteger value) {
    return "0x" + value.toString(16);
  }
}
