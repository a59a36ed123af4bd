package dev.hdp.core.mmr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.core.chain.ChainDataFixture;
import dev.hdp.core.chain.FixtureProofsTest;
import dev.hdp.core.proof.FailureReason;
import dev.hdp.core.proof.ProofResult;
import dev.hdp.fixtures.SharedFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every header of every {@code hdp-sepolia} folder verifies into the Poseidon MMR root. */
class HeaderMmrFixtureTest {
  static Stream<Path> folders() {
    return FixtureProofsTest.folders();
  }

  static List<Felt252> felts(List<String> hex) {
    return hex.stream().map(Felt252::fromHex).toList();
  }

  @ParameterizedTest(name = "folder {0}")
  @MethodSource("folders")
  void everyHeaderWalksIntoItsPeakAndThePeaksGiveTheRoot(Path folder) {
    ChainDataFixture data = FixtureProofsTest.fixture(folder);
    assertEquals(1, data.mmrMetas().size());
    ChainDataFixture.MmrMeta meta = data.mmrMetas().get(0);
    assertEquals(27, meta.id());
    assertEquals(11155111, meta.chainId());
    for (ChainDataFixture.HeaderEntry h : data.headers()) {
      ProofResult<Felt252> result =
          PoseidonMmr.verifyHeader(
              h.rlp(),
              h.leafIdx(),
              felts(h.mmrPath()),
              felts(meta.peaks()),
              meta.size(),
              Felt252.fromHex(meta.root()));
      assertTrue(result.isValid(), () -> "leaf " + h.leafIdx() + ": " + result);
      assertEquals(PoseidonMmr.headerLeaf(h.rlp()), result.value());
    }
  }

  /** The README's rules: 13 peaks, every path 22 long into the first peak. */
  @Test
  void mmr27HasThirteenPeaksAndEveryPathEndsInTheFirst() {
    ChainDataFixture data = FixtureProofsTest.fixture(SharedFixtures.resolve("hdp-sepolia/01"));
    ChainDataFixture.MmrMeta meta = data.mmrMetas().get(0);
    assertEquals(13, MmrPositions.peakPositions(meta.size()).size());
    assertEquals(13, meta.peaks().size());
    long firstPeak = MmrPositions.peakPositions(meta.size()).get(0);
    assertEquals(22, MmrPositions.height(firstPeak));
    for (ChainDataFixture.HeaderEntry h : data.headers()) {
      assertTrue(h.leafIdx() <= firstPeak);
      assertEquals(22, h.mmrPath().size());
    }
  }

  @Test
  void mutationsOfHeadersPathsAndMetadataAreCaughtWithTheirReason() {
    ChainDataFixture data = FixtureProofsTest.fixture(SharedFixtures.resolve("hdp-sepolia/01"));
    ChainDataFixture.MmrMeta meta = data.mmrMetas().get(0);
    ChainDataFixture.HeaderEntry h = data.headers().get(0);
    List<Felt252> path = felts(h.mmrPath());
    List<Felt252> peaks = felts(meta.peaks());
    Felt252 root = Felt252.fromHex(meta.root());

    // A changed header byte (here the gas used field area) changes the leaf: the walk misses the
    // peak.
    byte[] header = h.rlp().clone(); // the fixture is cached and shared
    header[header.length - 40] ^= 1;
    assertFailure(
        FailureReason.PEAK_MISMATCH,
        PoseidonMmr.verifyHeader(header, h.leafIdx(), path, peaks, meta.size(), root));

    // A changed sibling.
    for (int i : new int[] {0, 11, 21}) {
      List<Felt252> bad = new ArrayList<>(path);
      bad.set(i, bad.get(i).add(Felt252.ONE));
      assertFailure(
          FailureReason.PEAK_MISMATCH,
          PoseidonMmr.verifyHeader(h.rlp(), h.leafIdx(), bad, peaks, meta.size(), root));
    }
    // Siblings swapped in order.
    List<Felt252> swapped = new ArrayList<>(path);
    swapped.set(0, path.get(1));
    swapped.set(1, path.get(0));
    assertFailure(
        FailureReason.PEAK_MISMATCH,
        PoseidonMmr.verifyHeader(h.rlp(), h.leafIdx(), swapped, peaks, meta.size(), root));
    // A dropped or added sibling.
    assertFailure(
        FailureReason.WRONG_PATH_LENGTH,
        PoseidonMmr.verifyHeader(
            h.rlp(), h.leafIdx(), path.subList(0, 21), peaks, meta.size(), root));
    List<Felt252> longer = new ArrayList<>(path);
    longer.add(Felt252.ONE);
    assertFailure(
        FailureReason.WRONG_PATH_LENGTH,
        PoseidonMmr.verifyHeader(h.rlp(), h.leafIdx(), longer, peaks, meta.size(), root));
    // The neighbouring leaf position (same path) walks elsewhere.
    long neighbour = h.leafIdx() + (MmrPositions.height(h.leafIdx() + 1) == 0 ? 1 : -1);
    assertFailure(
        FailureReason.PEAK_MISMATCH,
        PoseidonMmr.verifyHeader(h.rlp(), neighbour, path, peaks, meta.size(), root));
    // A position that is a parent node, and one past the size.
    assertFailure(
        FailureReason.INVALID_ELEMENT_POSITION,
        PoseidonMmr.verifyHeader(h.rlp(), 3, path, peaks, meta.size(), root));
    assertFailure(
        FailureReason.INVALID_ELEMENT_POSITION,
        PoseidonMmr.verifyHeader(h.rlp(), meta.size() + 1, path, peaks, meta.size(), root));
    // Metadata: a changed peak, a missing peak, a wrong size, a wrong root.
    List<Felt252> badPeaks = new ArrayList<>(peaks);
    badPeaks.set(5, badPeaks.get(5).add(Felt252.ONE));
    assertFailure(
        FailureReason.MMR_ROOT_MISMATCH,
        PoseidonMmr.verifyHeader(h.rlp(), h.leafIdx(), path, badPeaks, meta.size(), root));
    assertFailure(
        FailureReason.PEAK_COUNT_MISMATCH,
        PoseidonMmr.verifyHeader(
            h.rlp(), h.leafIdx(), path, peaks.subList(0, 12), meta.size(), root));
    assertFailure(
        FailureReason.INVALID_MMR_SIZE,
        PoseidonMmr.verifyHeader(h.rlp(), h.leafIdx(), path, peaks, meta.size() + 2, root));
    // One more node is a valid size (a new single-leaf mountain), so it needs 14 peaks.
    assertFailure(
        FailureReason.PEAK_COUNT_MISMATCH,
        PoseidonMmr.verifyHeader(h.rlp(), h.leafIdx(), path, peaks, meta.size() + 1, root));
    assertFailure(
        FailureReason.MMR_ROOT_MISMATCH,
        PoseidonMmr.verifyHeader(
            h.rlp(), h.leafIdx(), path, peaks, meta.size(), root.add(Felt252.ONE)));
    // A wrong claimed element hash.
    assertFailure(
        FailureReason.ELEMENT_HASH_MISMATCH,
        PoseidonMmr.verifyHeader(
            h.rlp(), Felt252.ONE, h.leafIdx(), path, peaks, meta.size(), root));
  }

  private static void assertFailure(FailureReason reason, ProofResult<?> result) {
    assertTrue(!result.isValid(), "expected " + reason + " but the proof verified");
    assertEquals(reason, result.failure().reason(), result.failure().toString());
  }
}
