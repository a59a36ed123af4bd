package dev.hdp.cairo.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.fixtures.SharedFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Real Poseidon data: the Herodotus header MMRs in the shared hdp-sepolia fixtures (see
 * /work/shared/reference/hdp-vectors.md V5 and hdp.md). The root is {@code poseidon(size,
 * bag(peaks))} with {@code bag = poseidon(p1, poseidon(p2, … poseidon(p_{n-1}, p_n)))}; a leaf is
 * {@code poseidon_hash_many} of the header RLP as little-endian 8-byte chunks, and parents are
 * {@code poseidon(left, right)}.
 */
class PoseidonMmrFixtureTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode chainData(Path batch) throws IOException {
    return JSON.readTree(batch.resolve("chain-data.json").toFile());
  }

  private static List<Felt252> felts(JsonNode array) {
    List<Felt252> out = new ArrayList<>();
    array.forEach(n -> out.add(Felt252.fromHex(n.asText())));
    return out;
  }

  static Felt252 bagPeaks(List<Felt252> peaks) {
    Felt252 bag = peaks.get(peaks.size() - 1);
    for (int i = peaks.size() - 2; i >= 0; i--) {
      bag = Poseidon.hash(peaks.get(i), bag);
    }
    return bag;
  }

  @Test
  void mmrRootsArePoseidonOfSizeAndBaggedPeaks() throws IOException {
    int checked = 0;
    for (Path batch : SharedFixtures.hdpSepoliaBatches()) {
      for (JsonNode meta : chainData(batch).get("mmr_metas")) {
        Felt252 root =
            Poseidon.hash(
                Felt252.of(meta.get("size").asLong()), bagPeaks(felts(meta.get("peaks"))));
        assertEquals(
            Felt252.fromHex(meta.get("root").asText()), root, batch + " mmr " + meta.get("id"));
        checked++;
      }
    }
    assertTrue(checked > 0);
  }

  /** The worked example of hdp-vectors.md V5: block 5858988's header, leaf index 175967. */
  @Test
  void headerLeafHashMatchesTheWorkedExample() throws IOException {
    JsonNode headers = chainData(SharedFixtures.resolve("hdp-sepolia/01")).get("headers");
    boolean found = false;
    for (JsonNode h : headers) {
      if (h.get("proof").get("leaf_idx").asLong() == 175967) {
        assertEquals(
            Felt252.fromHex("0x3e7f1315cad8591f8c695da7be6422314eb901b61d8987d3a4e8ea0d6d55986"),
            leafHash(h.get("rlp").asText()));
        found = true;
      }
    }
    assertTrue(found);
  }

  @Test
  void everyHeaderWalksIntoAPeak() throws IOException {
    int walked = 0;
    for (Path batch : SharedFixtures.hdpSepoliaBatches()) {
      JsonNode data = chainData(batch);
      Set<Felt252> peaks = new HashSet<>();
      data.get("mmr_metas").forEach(m -> peaks.addAll(felts(m.get("peaks"))));
      for (JsonNode h : data.get("headers")) {
        Felt252 hash = leafHash(h.get("rlp").asText());
        long pos = h.get("proof").get("leaf_idx").asLong();
        int height = 0;
        for (Felt252 sibling : felts(h.get("proof").get("mmr_path"))) {
          if (heightOf(pos + 1) > height) { // pos is a right child; its parent follows it
            hash = Poseidon.hash(sibling, hash);
            pos += 1;
          } else { // left child; the parent comes after the right subtree
            hash = Poseidon.hash(hash, sibling);
            pos += 2L << height;
          }
          height++;
        }
        assertTrue(peaks.contains(hash), batch + " header at " + h.get("proof").get("leaf_idx"));
        walked++;
      }
    }
    assertTrue(walked > 0);
    assertFalse(
        Poseidon.hash(Felt252.ONE, Felt252.TWO).equals(Poseidon.hash(Felt252.TWO, Felt252.ONE)));
  }

  /** Height of the MMR node at 1-based position {@code pos} (leaves have height 0). */
  private static int heightOf(long pos) {
    while (Long.bitCount(pos + 1) != 1) { // not of the form 2^k - 1: jump to the left sibling tree
      pos -= (Long.highestOneBit(pos) - 1);
    }
    return 63 - Long.numberOfLeadingZeros(pos);
  }

  /** poseidon_hash_many over the RLP as little-endian 64-bit chunks (the last may be short). */
  private static Felt252 leafHash(String rlpHex) {
    byte[] rlp = HexFormat.of().parseHex(rlpHex.substring(2));
    List<Felt252> chunks = new ArrayList<>();
    for (int off = 0; off < rlp.length; off += 8) {
      long v = 0;
      for (int i = Math.min(rlp.length, off + 8) - 1; i >= off; i--) {
        v = (v << 8) | (rlp[i] & 0xFF);
      }
      chunks.add(Felt252.ofUnsigned(v));
    }
    return Poseidon.hashMany(chunks);
  }
}
