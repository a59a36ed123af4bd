package dev.hdp.cairo.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.fixtures.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProgramJsonWriterTest {
  @Test
  void rewritesEveryOracleByteForByte() throws IOException {
    ObjectMapper mapper =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    for (String fixture : OracleSources.ORACLES) {
      Path file = SharedFixtures.resolve("cairo/" + fixture);
      String original = Files.readString(file);
      assertEquals(original, ProgramJsonWriter.write(mapper.readTree(original)) + "\n", fixture);
    }
  }
}
