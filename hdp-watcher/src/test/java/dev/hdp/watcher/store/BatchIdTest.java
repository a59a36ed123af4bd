package dev.hdp.watcher.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchIdTest {
  @Test
  void idsCarryTheirMillisecondAndSortByIt() {
    Random random = new Random(7);
    Instant first = Instant.parse("2026-11-21T14:00:00.123Z");
    BatchId earlier = BatchId.generate(Clock.fixed(first, ZoneOffset.UTC), random);
    BatchId later = BatchId.generate(Clock.fixed(first.plusMillis(1), ZoneOffset.UTC), random);
    assertEquals(first.toEpochMilli(), earlier.timestampMillis());
    assertTrue(earlier.compareTo(later) < 0);
    assertEquals(29, earlier.value().length());
    assertEquals(earlier, BatchId.parse(earlier.value()));
    assertNotEquals(
        BatchId.generate(Clock.fixed(first, ZoneOffset.UTC), random),
        BatchId.generate(Clock.fixed(first, ZoneOffset.UTC), random));
  }

  @Test
  void parsingIsStrict() {
    String good = "bq_01JDA9ZQ5V3M8Q2XK7T4W6Y0NB";
    assertEquals(good, BatchId.parse(good).value());
    IllegalArgumentException badChar =
        assertThrows(
            IllegalArgumentException.class, () -> BatchId.parse("bq_01JDA9ZQ5V3M8Q2XK7T4W6Y0NU"));
    assertTrue(badChar.getMessage().contains("offset 28"), badChar.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> BatchId.parse("bq_01jda9zq5v3m8q2xk7t4w6y0nb"));
    assertThrows(
        IllegalArgumentException.class, () -> BatchId.parse("xx_01JDA9ZQ5V3M8Q2XK7T4W6Y0NB"));
    assertThrows(
        IllegalArgumentException.class, () -> BatchId.parse("bq_01JDA9ZQ5V3M8Q2XK7T4W6Y0N"));
    assertThrows(
        IllegalArgumentException.class, () -> BatchId.parse("bq_81JDA9ZQ5V3M8Q2XK7T4W6Y0NB"));
  }
}
