package dev.hdp.core.cairo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.chain.ChainDataFixture;
import dev.hdp.core.chain.FixtureProofsTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FeltChunksTest {
  @Test
  void chunksAreLittleEndianU64sPrintedWithoutLeadingZeros() {
    // hdp.md §6.5: bytes 1234567890abcdef -> 0xefcdab9078563412.
    assertEquals(List.of("0xefcdab9078563412"), FeltChunks.toHex(Hex.decode("1234567890abcdef")));
    assertEquals(List.of("0x0", "0x1"), FeltChunks.toHex(Hex.decode("000000000000000001")));
    assertEquals(List.of("0xff"), FeltChunks.toHex(Hex.decode("ff")));
    assertEquals(List.of(), FeltChunks.toHex(new byte[0]));
    byte[] bytes = Hex.decode("0102030405060708090a0b");
    assertArrayEquals(bytes, FeltChunks.fromHex(FeltChunks.toHex(bytes), bytes.length));
  }

  @Test
  void rebuildingIsStrict() {
    assertThrows(IllegalArgumentException.class, () -> FeltChunks.fromHex(List.of("0x1ff"), 1));
    assertThrows(IllegalArgumentException.class, () -> FeltChunks.fromHex(List.of("0x1"), 9));
    assertThrows(IllegalArgumentException.class, () -> FeltChunks.fromHex(List.of("1"), 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> FeltChunks.fromHex(List.of("0x10000000000000000"), 8));
  }

  static Stream<Path> folders() {
    return FixtureProofsTest.folders();
  }

  /** HDP's own Cairo input holds the same felts for the headers, addresses, slots and proofs. */
  @ParameterizedTest(name = "folder {0}")
  @MethodSource("folders")
  void matchesHdpsCairoInput(Path folder) throws IOException {
    Path file = folder.resolve("expected-cairo-input.json");
    assumeTrue(Files.exists(file));
    JsonNode proofs = new ObjectMapper().readTree(file.toFile()).get("proofs");
    ChainDataFixture data = FixtureProofsTest.fixture(folder);
    Map<Long, byte[]> headerByLeaf = new HashMap<>();
    data.headers().forEach(h -> headerByLeaf.put(h.leafIdx(), h.rlp()));
    for (JsonNode h : proofs.get("headers")) {
      byte[] rlp = headerByLeaf.get(h.get("proof").get("leaf_idx").asLong());
      assertEquals(h.get("rlp_bytes_len").asInt(), rlp.length);
      assertEquals(strings(h.get("rlp")), FeltChunks.toHex(rlp));
      assertArrayEquals(rlp, FeltChunks.fromHex(strings(h.get("rlp")), rlp.length));
    }
    for (JsonNode a : proofs.get("accounts")) {
      List<String> address = strings(a.get("address"));
      assertEquals(
          1,
          data.accounts().stream()
              .filter(x -> FeltChunks.toHex(x.address().toArray()).equals(address))
              .count());
      for (JsonNode p : a.get("proofs")) {
        for (int i = 0; i < p.get("proof").size(); i++) {
          List<String> node = strings(p.get("proof").get(i));
          byte[] bytes = FeltChunks.fromHex(node, p.get("proof_bytes_len").get(i).asInt());
          assertEquals(node, FeltChunks.toHex(bytes));
        }
      }
    }
    for (JsonNode s : proofs.get("storages")) {
      List<String> slot = strings(s.get("slot"));
      assertEquals(
          1,
          data.storages().stream()
              .filter(x -> FeltChunks.toHex(x.slot().toArray()).equals(slot))
              .count());
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
