package dev.hdp.watcher.stage;

/** A stage change the stage machine forbids; the message names both stages. */
public final class IllegalTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final Stage from;
  private final Stage to;

  public IllegalTransitionException(Stage from, Stage to, String detail) {
    super("illegal transition " + from + " → " + to + (detail.isEmpty() ? "" : ": " + detail));
    this.from = from;
    this.to = to;
  }

  public Stage from() {
    return from;
  }

  public Stage to() {
    return to;
  }
}
