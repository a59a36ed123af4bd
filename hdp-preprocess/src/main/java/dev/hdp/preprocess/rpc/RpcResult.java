package dev.hdp.preprocess.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** The outcome of one call of a batch: its JSON result, or why it failed. */
public sealed interface RpcResult {
  /** The call. */
  RpcCall call();

  /** The result, or throws the failure. */
  JsonNode orThrow();

  /** A JSON result (possibly JSON null, e.g. for an unknown block). */
  record Success(RpcCall call, JsonNode result) implements RpcResult {
    public Success {
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(result, "result");
    }

    @Override
    public JsonNode orThrow() {
      return result;
    }
  }

  /** A failed call. */
  record Failure(RpcCall call, RpcException error) implements RpcResult {
    public Failure {
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(error, "error");
    }

    @Override
    public JsonNode orThrow() {
      throw error;
    }
  }
}
