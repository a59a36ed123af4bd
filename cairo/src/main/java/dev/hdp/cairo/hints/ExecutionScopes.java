package dev.hdp.cairo.hints;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The hints' variable scopes: {@code vm_enter_scope(...)} pushes one, {@code vm_exit_scope()} pops
 * it; assignments in a hint go to the innermost scope.
 */
public final class ExecutionScopes {
  private final Deque<Map<String, Object>> scopes = new ArrayDeque<>();

  public ExecutionScopes() {
    scopes.push(new HashMap<>());
  }

  public void enter(Map<String, ?> variables) {
    scopes.push(new HashMap<>(variables));
  }

  public void exit() {
    if (scopes.size() == 1) {
      throw new HintException("cannot exit the main scope");
    }
    scopes.pop();
  }

  public int depth() {
    return scopes.size();
  }

  /** A variable of the innermost scope, or null. */
  public Object get(String name) {
    return scopes.peek().get(name);
  }

  public boolean has(String name) {
    return scopes.peek().containsKey(name);
  }

  /** A variable of the innermost scope, which must exist. */
  public Object require(String name) {
    Map<String, Object> top = scopes.peek();
    if (!top.containsKey(name)) {
      throw new HintException("name '" + name + "' is not defined in the current scope");
    }
    return top.get(name);
  }

  public void set(String name, Object value) {
    scopes.peek().put(name, value);
  }

  public void remove(String name) {
    scopes.peek().remove(name);
  }
}
