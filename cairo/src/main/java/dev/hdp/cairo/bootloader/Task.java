package dev.hdp.cairo.bootloader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hdp.cairo.pie.CairoPie;
import dev.hdp.cairo.pie.PieFormatException;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.ProgramFormatException;
import dev.hdp.cairo.program.ProgramLoader;
import dev.hdp.cairo.program.StrippedProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A task of the simple bootloader: a compiled program run with its own input and hints, or a Cairo
 * PIE whose memory is copied in and re-executed without hints. Either way the bootloader outputs
 * the task's output size, its program hash and its output.
 */
public sealed interface Task permits Task.RunProgramTask, Task.CairoPieTask {
  /** The program the bootloader loads, hashes and calls ({@code task.get_program()}). */
  StrippedProgram strippedProgram();

  /** The hash the bootloader computes over the program. */
  ProgramHashFunction hashFunction();

  /**
   * A compiled program and the input its hints see as {@code program_input}.
   *
   * @param programInput a JSON object (copied)
   */
  record RunProgramTask(
      CompiledProgram program, JsonNode programInput, ProgramHashFunction hashFunction)
      implements Task {
    public RunProgramTask {
      if (programInput == null || !programInput.isObject()) {
        throw new IllegalArgumentException("program_input must be a JSON object");
      }
      programInput = programInput.deepCopy();
      program.strip();
    }

    /** The input, copied so that hints cannot change the task. */
    @Override
    public JsonNode programInput() {
      return programInput.deepCopy();
    }

    @Override
    public StrippedProgram strippedProgram() {
      return program.strip();
    }
  }

  /** A Cairo PIE whose run the bootloader repeats. */
  record CairoPieTask(CairoPie pie, ProgramHashFunction hashFunction) implements Task {
    @Override
    public StrippedProgram strippedProgram() {
      return pie.metadata().program();
    }
  }

  /** The task types of the input's {@code "type"} field. */
  String RUN_PROGRAM_TASK = "RunProgramTask";

  String CAIRO_PIE_PATH = "CairoPiePath";

  /**
   * Parses one task as cairo-lang's {@code TaskSchema} and StarkWare's proving-utils accept it:
   *
   * <ul>
   *   <li>{@code {"type": "RunProgramTask", "program": {compiled program} | "path": "file.json",
   *       "program_input": {...}?, HASH}}
   *   <li>{@code {"type": "CairoPiePath", "path": "file.zip", HASH}}
   * </ul>
   *
   * where HASH is {@code "program_hash_function": "pedersen" | "poseidon" | "blake"} (cairo-lang
   * 0.14, any case) or the older {@code "use_poseidon": true | false}, exactly one of them. A
   * missing {@code program_input} is an empty object. Relative paths resolve against {@code
   * baseDirectory}. Unknown fields are errors.
   *
   * @param where the task's name in messages, e.g. {@code tasks[2]}
   * @throws BootloaderInputException naming the field, also when a program or PIE cannot be read
   */
  static Task parse(JsonNode node, String where, Path baseDirectory) {
    if (node == null || !node.isObject()) {
      throw new BootloaderInputException(where + ": expected a task object, got " + node);
    }
    String type = text(node, "type", where);
    Set<String> allowed = new HashSet<>(Set.of("type", "program_hash_function", "use_poseidon"));
    Task task;
    switch (type) {
      case RUN_PROGRAM_TASK -> {
        allowed.addAll(Set.of("program", "path", "program_input"));
        JsonFields.checkFields(node, allowed, where);
        JsonNode input = node.get("program_input");
        if (input == null || input.isNull()) {
          input = JsonNodeFactory.instance.objectNode();
        } else if (!input.isObject()) {
          throw new BootloaderInputException(
              where + ".program_input: expected a JSON object, got " + input.getNodeType());
        }
        task = new RunProgramTask(program(node, where, baseDirectory), input, hash(node, where));
      }
      case CAIRO_PIE_PATH -> {
        allowed.add("path");
        JsonFields.checkFields(node, allowed, where);
        Path path = resolve(text(node, "path", where), baseDirectory);
        task = new CairoPieTask(pie(path, where + ".path"), hash(node, where));
      }
      default ->
          throw new BootloaderInputException(
              where
                  + ".type: unknown task type '"
                  + type
                  + "' (expected "
                  + RUN_PROGRAM_TASK
                  + " or "
                  + CAIRO_PIE_PATH
                  + ")");
    }
    return task;
  }

  private static CompiledProgram program(JsonNode node, String where, Path baseDirectory) {
    JsonNode inline = node.get("program");
    JsonNode path = node.get("path");
    if ((inline == null) == (path == null)) {
      throw new BootloaderInputException(
          where + ": a RunProgramTask needs exactly one of 'program' and 'path'");
    }
    CompiledProgram program;
    String field;
    try {
      if (inline != null) {
        field = where + ".program";
        if (!inline.isObject()) {
          throw new BootloaderInputException(
              field + ": expected a compiled program object, got " + inline.getNodeType());
        }
        program = ProgramLoader.parse(inline);
      } else {
        field = where + ".path";
        Path file = resolve(text(node, "path", where), baseDirectory);
        try {
          program = ProgramLoader.load(file);
        } catch (UncheckedIOException e) {
          throw new BootloaderInputException(
              field + ": cannot read the program " + file + ": " + e.getCause(), e);
        }
      }
      program.strip();
    } catch (ProgramFormatException e) {
      throw new BootloaderInputException(
          where + (inline != null ? ".program" : ".path") + ": " + e.getMessage(), e);
    }
    return program;
  }

  private static CairoPie pie(Path path, String field) {
    try {
      CairoPie pie = CairoPie.read(path);
      pie.validate();
      return pie;
    } catch (IOException e) {
      throw new BootloaderInputException(
          field + ": cannot read the Cairo PIE " + path + ": " + e, e);
    } catch (PieFormatException e) {
      throw new BootloaderInputException(
          field + ": " + path + " is not a valid Cairo PIE: " + e.getMessage(), e);
    }
  }

  private static ProgramHashFunction hash(JsonNode node, String where) {
    JsonNode byName = node.get("program_hash_function");
    JsonNode usePoseidon = node.get("use_poseidon");
    if ((byName == null) == (usePoseidon == null)) {
      throw new BootloaderInputException(
          where + ": exactly one of 'program_hash_function' and 'use_poseidon' is required");
    }
    if (byName != null) {
      ProgramHashFunction f =
          byName.isTextual() ? ProgramHashFunction.byJsonName(byName.asText()) : null;
      if (f == null) {
        throw new BootloaderInputException(
            where
                + ".program_hash_function: expected \"pedersen\", \"poseidon\" or \"blake\", got "
                + byName);
      }
      return f;
    }
    if (!usePoseidon.isBoolean()) {
      throw new BootloaderInputException(
          where + ".use_poseidon: expected true or false, got " + usePoseidon);
    }
    return usePoseidon.booleanValue() ? ProgramHashFunction.POSEIDON : ProgramHashFunction.PEDERSEN;
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw new BootloaderInputException(where + "." + field + ": missing field");
    }
    if (!v.isTextual()) {
      throw new BootloaderInputException(
          where + "." + field + ": expected a string, got " + v.getNodeType());
    }
    return v.asText();
  }

  private static Path resolve(String path, Path baseDirectory) {
    Path p = Path.of(path);
    return p.isAbsolute() || baseDirectory == null ? p : baseDirectory.resolve(p);
  }
}
