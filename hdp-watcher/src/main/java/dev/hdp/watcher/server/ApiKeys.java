package dev.hdp.watcher.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * The configured API keys, held only as SHA-256 hashes. A presented key is hashed and compared with
 * every stored hash in constant time ({@link MessageDigest#isEqual}), without stopping at the first
 * match, so the time taken says nothing about which key or how much of it matched.
 */
final class ApiKeys {
  private final Map<String, byte[]> hashes;

  ApiKeys(Map<String, byte[]> hashes) {
    this.hashes = Map.copyOf(hashes);
  }

  boolean required() {
    return !hashes.isEmpty();
  }

  /** The name of the key {@code presented}, if it is one of ours. */
  Optional<String> identify(String presented) {
    byte[] hash = sha256(presented);
    String match = null;
    for (Map.Entry<String, byte[]> entry : hashes.entrySet()) {
      if (MessageDigest.isEqual(hash, entry.getValue())) {
        match = entry.getKey();
      }
    }
    return Optional.ofNullable(match);
  }

  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
