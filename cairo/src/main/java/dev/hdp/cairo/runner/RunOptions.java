package dev.hdp.cairo.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hdp.cairo.builtins.Layout;
import dev.hdp.cairo.hints.HintProcessor;

/**
 * How to run a program.
 *
 * @param layout the layout (its builtins must cover the program's)
 * @param proofMode run from {@code __start__} to {@code __end__} with every layout builtin, padded
 *     to a power of two steps
 * @param programInput the JSON that hints see as {@code program_input} (may be null)
 * @param hints the hint processor
 * @param maxSteps a limit on steps
 * @param trace whether to record the trace
 * @param secure whether to run the end-of-run security checks
 */
public record RunOptions(
    Layout layout,
    boolean proofMode,
    JsonNode programInput,
    HintProcessor hints,
    long maxSteps,
    boolean trace,
    boolean secure) {

  /** A normal run on {@code all_cairo} with common-library hints, trace and security checks. */
  public static RunOptions defaults() {
    return new RunOptions(
        Layout.ALL_CAIRO, false, null, HintProcessor.withCommonLibrary(), 1L << 40, true, true);
  }

  public RunOptions withLayout(Layout l) {
    return new RunOptions(l, proofMode, programInput, hints, maxSteps, trace, secure);
  }

  public RunOptions withProgramInput(JsonNode input) {
    return new RunOptions(layout, proofMode, input, hints, maxSteps, trace, secure);
  }

  public RunOptions withProofMode(boolean on) {
    return new RunOptions(layout, on, programInput, hints, maxSteps, trace, secure);
  }

  public RunOptions withHints(HintProcessor h) {
    return new RunOptions(layout, proofMode, programInput, h, maxSteps, trace, secure);
  }

  public RunOptions withMaxSteps(long n) {
    return new RunOptions(layout, proofMode, programInput, hints, n, trace, secure);
  }

  public RunOptions withTrace(boolean on) {
    return new RunOptions(layout, proofMode, programInput, hints, maxSteps, on, secure);
  }
}
