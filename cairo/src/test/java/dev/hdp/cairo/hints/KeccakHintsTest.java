package dev.hdp.cairo.hints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hdp.cairo.vm.MaybeRelocatable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeccakHintsTest {
  @Test
  void keccakFuncPermutesTheZeroStateToTheKnownLanes() {
    List<BigInteger> out =
        KeccakHints.keccakFunc(new ArrayList<>(Collections.nCopies(25, BigInteger.ZERO)));
    assertEquals(new BigInteger("F1258F7940E1DDE7", 16), out.get(0));
  }

  @Test
  void unsafeKeccakHashesBigEndianWordsOfTheGivenLength() {
    HintHarness h =
        new HintHarness(Map.of("data", "felt*", "length", "felt", "high", "felt", "low", "felt"));
    var data = h.memory.addSegment();
    h.memory.set(data, MaybeRelocatable.of(0x616263)); // "abc"
    h.set("data", data);
    h.set("length", 3);
    h.run(KeccakHints.UNSAFE_KECCAK);
    BigInteger digest =
        new BigInteger("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45", 16);
    assertEquals(MaybeRelocatable.of(digest.shiftRight(128)), h.get("high"));
    assertEquals(
        MaybeRelocatable.of(digest.and(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE))),
        h.get("low"));
  }
}
