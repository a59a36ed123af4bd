package dev.hdp.watcher.store;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * A batch's identifier: {@code bq_} then a ULID (48-bit milliseconds, 80 random bits, Crockford
 * base 32), so that ids sort by creation time and several nodes can mint them without talking.
 */
public record BatchId(String value) implements Comparable<BatchId> {
  private static final String PREFIX = "bq_";
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int ULID_LENGTH = 26;

  public BatchId {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException("bad batch id '" + value + "': " + problem);
    }
  }

  /** Strict parse of untrusted text (a CLI argument, an HTTP path). */
  public static BatchId parse(String text) {
    return new BatchId(text);
  }

  /** A new id stamped with the clock's current millisecond. */
  public static BatchId generate(Clock clock, RandomGenerator random) {
    long millis = clock.millis();
    if (millis < 0 || millis >= 1L << 48) {
      throw new IllegalArgumentException("clock out of ULID range: " + millis);
    }
    char[] out = new char[ULID_LENGTH];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET.charAt((int) (millis & 31));
      millis >>>= 5;
    }
    for (int i = 10; i < ULID_LENGTH; i++) {
      out[i] = ALPHABET.charAt(random.nextInt(32));
    }
    return new BatchId(PREFIX + new String(out));
  }

  /** The creation time in milliseconds since the epoch, read back from the id. */
  public long timestampMillis() {
    long millis = 0;
    for (int i = 0; i < 10; i++) {
      millis = (millis << 5) | ALPHABET.indexOf(value.charAt(PREFIX.length() + i));
    }
    return millis;
  }

  private static String problem(String value) {
    if (value == null) {
      return "null";
    }
    if (!value.startsWith(PREFIX)) {
      return "must start with " + PREFIX;
    }
    if (value.length() != PREFIX.length() + ULID_LENGTH) {
      return "must have " + ULID_LENGTH + " characters after " + PREFIX;
    }
    for (int i = PREFIX.length(); i < value.length(); i++) {
      if (ALPHABET.indexOf(value.charAt(i)) < 0) {
        return "character '" + value.charAt(i) + "' at offset " + i + " is not Crockford base 32";
      }
    }
    if (value.charAt(PREFIX.length()) > '7') {
      return "timestamp overflows 48 bits";
    }
    return null;
  }

  @Override
  public int compareTo(BatchId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
