package dev.hdp.cairo.bootloader;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bootloader's input ({@code BootloaderInput} in cairo-lang): the simple bootloader's fields
 * plus the {@code bootloader_config} and one {@code packed_outputs} entry per task.
 */
public record BootloaderInput(
    SimpleBootloaderInput simpleBootloaderInput,
    BootloaderConfig bootloaderConfig,
    List<PackedOutput> packedOutputs) {
  /** The fields this schema adds to the simple bootloader's. */
  public static final Set<String> FIELDS = Set.of("bootloader_config", "packed_outputs");

  public BootloaderInput {
    packedOutputs = List.copyOf(packedOutputs);
  }

  /**
   * Parses the JSON as {@code BootloaderInput.Schema().load(program_input)}: the simple
   * bootloader's fields (see {@link SimpleBootloaderInput#parse}) and the required {@code
   * bootloader_config} and {@code packed_outputs}.
   *
   * @throws BootloaderInputException naming the field (e.g. {@code packed_outputs[0].subtasks})
   */
  public static BootloaderInput parse(JsonNode input, Path baseDirectory) {
    return parse(input, baseDirectory, Set.of());
  }

  /** Parses the bootloader's fields of an input whose schema extends this one. */
  static BootloaderInput parse(JsonNode input, Path baseDirectory, Set<String> outerFields) {
    Set<String> fields = new HashSet<>(FIELDS);
    fields.addAll(outerFields);
    SimpleBootloaderInput simple = SimpleBootloaderInput.parse(input, baseDirectory, fields);
    return new BootloaderInput(
        simple,
        BootloaderConfig.parse(input.get("bootloader_config"), "bootloader_config"),
        PackedOutput.parseList(input.get("packed_outputs"), "packed_outputs"));
  }

  /** A copy with other tasks settings, as the applicative bootloader builds its inner input. */
  public BootloaderInput withSimpleBootloaderInput(SimpleBootloaderInput simple) {
    return new BootloaderInput(simple, bootloaderConfig, packedOutputs);
  }
}
