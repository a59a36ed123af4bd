package dev.hdp.core.json;

import static org.junit.jupiter.api.Assertions.fail;

import dev.hdp.fixtures.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Damaged JSON never escapes as anything but {@link JsonFormatException}: each fixture request and
 * batch file gets seeded random single-character edits.
 */
class JsonMutationTest {
  private static final long SEED = 77_2026L;
  private static final String ALPHABET = "0123456789abcdefxX\"{}[],:. -+eE\\ntrufalsnul";

  @Test
  void damagedRequestsFailOnlyWithTheTypedException() throws IOException {
    Random random = new Random(SEED);
    for (Path folder : SharedFixtures.hdpSepoliaBatches()) {
      mutate(Files.readString(folder.resolve("request.json")), random, SubmitBatchQuery::parse);
    }
  }

  @Test
  void damagedBatchFilesFailOnlyWithTheTypedException() throws IOException {
    Random random = new Random(SEED + 1);
    for (Path folder : SharedFixtures.hdpSepoliaBatches()) {
      Path batch = folder.resolve("expected-batch.json");
      if (Files.exists(batch)) {
        mutate(Files.readString(batch), random, BatchFile::parse);
      }
    }
  }

  private static void mutate(String json, Random random, Consumer<String> parse) {
    for (int round = 0; round < 60; round++) {
      StringBuilder damaged = new StringBuilder(json);
      int at = random.nextInt(json.length());
      switch (random.nextInt(3)) {
        case 0 -> damaged.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 1 -> damaged.deleteCharAt(at);
        default -> damaged.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      try {
        parse.accept(damaged.toString());
      } catch (JsonFormatException expected) {
        // the typed rejection
      } catch (RuntimeException other) {
        fail("seed " + SEED + ", edit at " + at + " escaped as " + other + ":\n" + damaged, other);
      }
    }
  }
}
