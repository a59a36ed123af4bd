package dev.hdp.watcher.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code burst} tokens at most, refilled at {@code perSecond}; each
 * write takes one. Clients are API key names (or the remote address when no keys are configured,
 * which is only allowed on loopback), so the map stays small.
 */
final class RateLimiter {
  private final double perNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes a token for {@code client}.
   *
   * @return 0 when granted, else how many whole seconds (at least 1) until a token is there
   */
  long take(String client) {
    return buckets.computeIfAbsent(client, c -> new Bucket(burst, nanoTime.getAsLong())).take();
  }

  private final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    synchronized long take() {
      long now = nanoTime.getAsLong();
      tokens = Math.min(burst, tokens + (now - last) * perNano);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
    }
  }
}
