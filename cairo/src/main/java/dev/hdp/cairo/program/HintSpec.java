package dev.hdp.cairo.program;

import java.util.List;

/** One hint as compiled: its Python code, the scopes it may see and its flow tracking data. */
public record HintSpec(String code, List<String> accessibleScopes, FlowTrackingData flowTracking) {
  public HintSpec {
    accessibleScopes = List.copyOf(accessibleScopes);
  }
}
