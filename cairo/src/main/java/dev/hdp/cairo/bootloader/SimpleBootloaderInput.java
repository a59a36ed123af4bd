package dev.hdp.cairo.bootloader;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The simple bootloader's input ({@code SimpleBootloaderInput} in cairo-lang): the tasks to run,
 * where to write their fact topologies, and whether to put the whole output in one page.
 *
 * @param factTopologiesPath where {@code write_to_fact_topologies_file} writes, if anywhere
 *     (resolved like task paths)
 * @param singlePage whether the bootloader ignores the tasks' fact topologies and keeps its output
 *     in one page
 */
public record SimpleBootloaderInput(
    List<Task> tasks, Optional<Path> factTopologiesPath, boolean singlePage) {
  /** The fields this schema reads. */
  public static final Set<String> FIELDS = Set.of("tasks", "fact_topologies_path", "single_page");

  public SimpleBootloaderInput {
    tasks = List.copyOf(tasks);
  }

  /**
   * Parses the JSON as {@code SimpleBootloaderInput.Schema().load(program_input)}: {@code tasks} (a
   * list of tasks, see {@link Task#parse}) and {@code single_page} (a boolean) are required, {@code
   * fact_topologies_path} is a string or null and may be missing; other fields are errors.
   *
   * @param baseDirectory relative task paths resolve against it (null: the working directory)
   * @throws BootloaderInputException naming the field (e.g. {@code tasks[1].program_input})
   */
  public static SimpleBootloaderInput parse(JsonNode input, Path baseDirectory) {
    return parse(input, baseDirectory, Set.of());
  }

  /**
   * Parses the simple bootloader's fields of an input that also has {@code outerFields} (a schema
   * that extends this one, such as the bootloader's {@code bootloader_config} and {@code
   * packed_outputs}, which the caller reads).
   */
  public static SimpleBootloaderInput parse(
      JsonNode input, Path baseDirectory, Set<String> outerFields) {
    if (input == null || !input.isObject()) {
      throw new BootloaderInputException(
          "the bootloader input must be a JSON object, got "
              + (input == null ? "nothing" : input.getNodeType()));
    }
    Set<String> allowed = new HashSet<>(FIELDS);
    allowed.addAll(outerFields);
    input
        .fieldNames()
        .forEachRemaining(
            f -> {
              if (!allowed.contains(f)) {
                throw new BootloaderInputException(f + ": unknown field of the bootloader input");
              }
            });
    JsonNode taskList = input.get("tasks");
    if (taskList == null) {
      throw new BootloaderInputException("tasks: missing field");
    }
    if (!taskList.isArray()) {
      throw new BootloaderInputException("tasks: expected a list, got " + taskList.getNodeType());
    }
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < taskList.size(); i++) {
      tasks.add(Task.parse(taskList.get(i), "tasks[" + i + "]", baseDirectory));
    }
    JsonNode singlePage = input.get("single_page");
    if (singlePage == null) {
      throw new BootloaderInputException("single_page: missing field");
    }
    if (!singlePage.isBoolean()) {
      throw new BootloaderInputException("single_page: expected true or false, got " + singlePage);
    }
    JsonNode factPath = input.get("fact_topologies_path");
    Optional<Path> factTopologiesPath = Optional.empty();
    if (factPath != null && !factPath.isNull()) {
      if (!factPath.isTextual()) {
        throw new BootloaderInputException(
            "fact_topologies_path: expected a string or null, got " + factPath.getNodeType());
      }
      Path p = Path.of(factPath.asText());
      factTopologiesPath =
          Optional.of(p.isAbsolute() || baseDirectory == null ? p : baseDirectory.resolve(p));
    }
    return new SimpleBootloaderInput(tasks, factTopologiesPath, singlePage.booleanValue());
  }
}
