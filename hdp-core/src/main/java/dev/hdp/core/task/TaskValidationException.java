package dev.hdp.core.task;

/**
 * A task value that breaks a rule of HDP (for example a block range that ends before it starts).
 * The field is the request's camelCase name, so callers can prefix their own path.
 */
public final class TaskValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  public TaskValidationException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  /** The offending field, e.g. {@code blockRangeEnd}. */
  public String field() {
    return field;
  }

  /** Why the value is rejected, without the field name. */
  public String reason() {
    return reason;
  }
}
