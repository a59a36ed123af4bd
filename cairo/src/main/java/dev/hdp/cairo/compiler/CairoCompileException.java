package dev.hdp.cairo.compiler;

/** A program the compiler rejects, with the place it was rejected at. */
public class CairoCompileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Loc loc;
  private final String bareMessage;

  public CairoCompileException(String message, Loc loc) {
    this(message, loc, null, null);
  }

  /**
   * An error inside code the compiler expanded; the place that caused the expansion is shown first,
   * with {@code parentMessage}.
   */
  public CairoCompileException(String message, Loc loc, Loc parent, String parentMessage) {
    super(
        (parent == null ? "" : render(parentMessage, parent) + "\n")
            + (loc == null ? message : render(message, loc)));
    this.loc = loc;
    this.bareMessage = message;
  }

  private static String render(String message, Loc loc) {
    if (loc.parent() != null) {
      return render(loc.parentMessage(), loc.parent()) + "\n" + renderOne(message, loc);
    }
    return renderOne(message, loc);
  }

  private static String renderOne(String message, Loc loc) {
    String described = loc.describe();
    int nl = described.indexOf('\n');
    return nl < 0
        ? described + ": " + message
        : described.substring(0, nl) + ": " + message + described.substring(nl);
  }

  /** Where the error is, or null when it has no place in the sources. */
  public Loc loc() {
    return loc;
  }

  /** The message without the location. */
  public String bareMessage() {
    return bareMessage;
  }
}
