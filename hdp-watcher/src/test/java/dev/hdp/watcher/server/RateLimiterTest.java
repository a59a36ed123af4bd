package dev.hdp.watcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void bucketGrantsTheBurstThenRefillsAtTheRate() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    RateLimiter limiter = new RateLimiter(2, 3, now::get);
    assertEquals(0, limiter.take("a"));
    assertEquals(0, limiter.take("a"));
    assertEquals(0, limiter.take("a"));
    assertEquals(1, limiter.take("a"));
    assertEquals(0, limiter.take("b"));
    now.addAndGet(500_000_000L);
    assertEquals(0, limiter.take("a"));
    assertEquals(1, limiter.take("a"));
    now.addAndGet(60_000_000_000L);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, limiter.take("a"));
    }
    assertEquals(1, limiter.take("a"));
  }

  @Test
  void slowRatesAskForALongerWait() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(0.1, 1, now::get);
    assertEquals(0, limiter.take("a"));
    assertEquals(10, limiter.take("a"));
    now.addAndGet(4_000_000_000L);
    assertEquals(6, limiter.take("a"));
  }
}
