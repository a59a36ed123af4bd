package dev.hdp.cairo.program;

import java.util.Map;

/** The optional debug info: source locations by pc and, when present, the source files. */
public record DebugInfo(
    Map<Integer, InstructionLocation> instructionLocations, Map<String, String> fileContents) {
  public DebugInfo {
    instructionLocations = Map.copyOf(instructionLocations);
    fileContents = Map.copyOf(fileContents);
  }
}
