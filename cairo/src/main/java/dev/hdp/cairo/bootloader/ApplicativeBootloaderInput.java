package dev.hdp.cairo.bootloader;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;

/**
 * The applicative bootloader's input ({@code ApplicativeBootloaderInput} in cairo-lang): a
 * bootloader input (the tasks whose outputs the aggregator takes) plus the {@code aggregator_task}.
 */
public record ApplicativeBootloaderInput(BootloaderInput bootloaderInput, Task aggregatorTask) {
  /**
   * Parses the JSON as {@code ApplicativeBootloaderInput.Schema().load(program_input)}: the
   * bootloader's fields (see {@link BootloaderInput#parse}) and the required {@code
   * aggregator_task} (a task, see {@code Task}).
   *
   * @throws BootloaderInputException naming the field (e.g. {@code aggregator_task.path})
   */
  public static ApplicativeBootloaderInput parse(JsonNode input, Path baseDirectory) {
    BootloaderInput bootloader =
        BootloaderInput.parse(input, baseDirectory, Set.of("aggregator_task"));
    JsonNode aggregator = input.get("aggregator_task");
    if (aggregator == null || aggregator.isNull()) {
      throw new BootloaderInputException("aggregator_task: missing field");
    }
    return new ApplicativeBootloaderInput(
        bootloader, Task.parse(aggregator, "aggregator_task", baseDirectory));
  }
}
