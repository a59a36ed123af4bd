package dev.hdp.core.json;

/** JSON that is not a valid request or batch file; the message starts with the JSON path. */
public final class JsonFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String reason;

  public JsonFormatException(String path, String reason) {
    super((path.isEmpty() ? "(root)" : path) + ": " + reason);
    this.path = path;
    this.reason = reason;
  }

  /**
   * The JSON path of the bad value, e.g. {@code tasks[0].datalake.increment}; empty for the root.
   */
  public String path() {
    return path;
  }

  /** The rule the value breaks. */
  public String reason() {
    return reason;
  }
}
