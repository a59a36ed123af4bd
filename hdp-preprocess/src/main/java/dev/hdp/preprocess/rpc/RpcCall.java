package dev.hdp.preprocess.rpc;

import java.util.List;
import java.util.Objects;

/**
 * One JSON-RPC call: a method and its positional parameters (strings, numbers, booleans and lists
 * of them, serialized as JSON).
 */
public record RpcCall(String method, List<Object> params) {
  public RpcCall {
    Objects.requireNonNull(method, "method");
    params = List.copyOf(params);
  }

  /** A call with these parameters. */
  public static RpcCall of(String method, Object... params) {
    return new RpcCall(method, List.of(params));
  }

  /** {@code method(p1, p2, …)}, for error messages. */
  public String describe() {
    StringBuilder out = new StringBuilder(method).append('(');
    for (int i = 0; i < params.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(params.get(i));
    }
    return out.append(')').toString();
  }
}
