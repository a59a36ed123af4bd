package dev.hdp.preprocess.rpc;

import java.util.Optional;

/**
 * A JSON-RPC call failed: the transport gave up after its retries, the node answered with an error
 * object, or the answer is malformed. The message names the call (method and parameters).
 */
public final class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the call failed. */
  public enum Kind {
    /** No usable HTTP answer after the last try (timeouts, refused connections, 429, 5xx). */
    TRANSPORT,
    /** An HTTP status that is not worth retrying (4xx other than 429). */
    HTTP_STATUS,
    /** The node answered the call with a JSON-RPC error object. */
    RPC_ERROR,
    /** The answer is not the JSON-RPC the call expects (or its result is malformed). */
    MALFORMED_RESPONSE
  }

  private final Kind kind;
  private final transient Integer rpcCode;

  RpcException(Kind kind, String message, Integer rpcCode, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.rpcCode = rpcCode;
  }

  /** A malformed result of {@code call}: {@code what} says which field and why. */
  public static RpcException malformed(RpcCall call, String what, Throwable cause) {
    return new RpcException(
        Kind.MALFORMED_RESPONSE, call.describe() + ": malformed answer: " + what, null, cause);
  }

  /** Why it failed. */
  public Kind kind() {
    return kind;
  }

  /** The JSON-RPC error code, for {@link Kind#RPC_ERROR}. */
  public Optional<Integer> rpcCode() {
    return Optional.ofNullable(rpcCode);
  }
}
