package dev.hdp.watcher.node;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory chain that outlives the nodes of a test: it mines every broadcast transaction once
 * (a re-broadcast of the same transaction is not applied again, as with a real nonce), keeps the
 * facts marked valid and the batches authenticated, and counts broadcasts per effect so that a test
 * can see a side effect sent twice.
 */
final class FakeChain {
  private final Map<Bytes32, String> mined = new ConcurrentHashMap<>();
  private final Set<String> applied = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> broadcasts = new ConcurrentHashMap<>();
  private final AtomicLong nonce = new AtomicLong();

  /** Signs a transaction with a fresh nonce; its hash is known before it is broadcast. */
  Bytes32 sign(String effect) {
    return Keccak256.hash(
        (effect + "#" + nonce.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
  }

  void broadcast(Bytes32 txHash, String effect) {
    broadcasts.computeIfAbsent(effect, e -> new AtomicInteger()).incrementAndGet();
    if (mined.putIfAbsent(txHash, effect) == null) {
      applied.add(effect);
    }
  }

  boolean mined(Bytes32 txHash) {
    return mined.containsKey(txHash);
  }

  boolean applied(String effect) {
    return applied.contains(effect);
  }

  int broadcasts(String effect) {
    AtomicInteger count = broadcasts.get(effect);
    return count == null ? 0 : count.get();
  }

  static String markValid(Bytes32 fact) {
    return "markValid " + fact.toHex();
  }

  static String authenticate(String batch) {
    return "authenticateTaskExecution " + batch;
  }
}
