package dev.hdp.cairo.program;

import java.util.List;

/** A pc-range attribute, such as {@code with_attr error_message(...)}. */
public record Attribute(
    String name,
    String value,
    int startPc,
    int endPc,
    List<String> accessibleScopes,
    FlowTrackingData flowTracking) {
  public Attribute {
    accessibleScopes = List.copyOf(accessibleScopes);
  }
}
