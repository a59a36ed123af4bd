package dev.hdp.cairo.hints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.hdp.cairo.builtins.BuiltinRunner;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.vm.Memory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every hint of a run shares: the program, its input, builtins, scopes and dicts. */
public final class HintEnvironment {
  private final CompiledProgram program;
  private final Memory memory;
  private final JsonNode programInput;
  private final Map<String, BuiltinRunner> builtins;
  private final ExecutionScopes scopes = new ExecutionScopes();
  private final DictManager dictManager = new DictManager();
  private final Map<String, Object> extensions = new HashMap<>();

  public HintEnvironment(
      CompiledProgram program,
      Memory memory,
      JsonNode programInput,
      Map<String, BuiltinRunner> builtins) {
    this.program = program;
    this.memory = memory;
    this.programInput = programInput == null ? NullNode.getInstance() : programInput;
    this.builtins = new LinkedHashMap<>(builtins);
  }

  public CompiledProgram program() {
    return program;
  }

  public Memory memory() {
    return memory;
  }

  public JsonNode programInput() {
    return programInput;
  }

  public Map<String, BuiltinRunner> builtins() {
    return java.util.Collections.unmodifiableMap(builtins);
  }

  public ExecutionScopes scopes() {
    return scopes;
  }

  public DictManager dictManager() {
    return dictManager;
  }

  /** Free-form state for other modules' hints, keyed by a name they choose. */
  public Map<String, Object> extensions() {
    return extensions;
  }
}
