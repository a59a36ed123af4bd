package dev.hdp.cairo.hints;

/** A Java implementation of one hint code. */
@FunctionalInterface
public interface Hint {
  void execute(HintContext context);
}
