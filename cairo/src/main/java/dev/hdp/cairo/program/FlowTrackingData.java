package dev.hdp.cairo.program;

import java.util.Map;

/**
 * What the compiler knew at a hint or attribute: the ap tracking and, for each visible reference
 * name, the index of its expression in the program's reference manager.
 */
public record FlowTrackingData(ApTracking apTracking, Map<String, Integer> referenceIds) {
  public FlowTrackingData {
    referenceIds = Map.copyOf(referenceIds);
  }
}
