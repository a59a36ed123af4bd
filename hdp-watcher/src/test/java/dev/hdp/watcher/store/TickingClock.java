package dev.hdp.watcher.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves one millisecond forward every time it is read, for predictable ordering. */
final class TickingClock extends Clock {
  private final AtomicLong millis;

  TickingClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.getAndIncrement());
  }
}
