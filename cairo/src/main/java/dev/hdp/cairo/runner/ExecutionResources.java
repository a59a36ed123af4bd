package dev.hdp.cairo.runner;

import java.util.Map;

/**
 * What a run used: steps, memory holes and instances per builtin (keyed by PIE name, e.g. {@code
 * output_builtin}).
 */
public record ExecutionResources(
    long nSteps, long nMemoryHoles, Map<String, Long> builtinInstanceCounter) {
  public ExecutionResources {
    builtinInstanceCounter =
        java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(builtinInstanceCounter));
  }
}
