package dev.hdp.watcher.server;

/**
 * A request refused with a 4xx status; the server answers {@code {"error": {"status", "field",
 * "reason"}}}. {@code field} names the request part at fault (a JSON path, a header, a query
 * parameter) or is empty.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;
  private final String reason;
  private final String metricReason;

  ApiError(int status, String field, String reason, String metricReason) {
    super(status + " " + field + ": " + reason, null, false, false);
    this.status = status;
    this.field = field;
    this.reason = reason;
    this.metricReason = metricReason;
  }

  static ApiError badRequest(String field, String reason) {
    return new ApiError(400, field, reason, "validation");
  }

  static ApiError notFound(String field, String reason) {
    return new ApiError(404, field, reason, "not_found");
  }

  static ApiError conflict(String field, String reason) {
    return new ApiError(409, field, reason, "conflict");
  }

  static ApiError overLimit(String field, String reason) {
    return new ApiError(422, field, reason, "limit");
  }

  int status() {
    return status;
  }

  String field() {
    return field;
  }

  String reason() {
    return reason;
  }

  /** The label of the rejection counter. */
  String metricReason() {
    return metricReason;
  }
}
