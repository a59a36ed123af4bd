package dev.hdp.cairo.hints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hdp.cairo.vm.MaybeRelocatable;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HintProcessorTest {
  @Test
  void anUnknownHintFailsQuotingItsCode() {
    HintHarness h = new HintHarness(Map.of("x", "felt"));
    HintException e = assertThrows(HintException.class, () -> h.run("ids.x = frobnicate()"));
    assertEquals("unknown hint at pc 0:\nids.x = frobnicate()", e.getMessage());
  }

  @Test
  void otherModulesRegisterTheirOwnHints() {
    HintHarness h = new HintHarness(Map.of("x", "felt"));
    h.processor.register("ids.x = 6 * 7", c -> c.setIds("x", 42));
    h.run("ids.x = 6 * 7");
    assertEquals(MaybeRelocatable.of(42), h.get("x"));
  }

  @Test
  void uint256AndMathHintsComputeWithPythonIntegerSemantics() {
    HintHarness h =
        new HintHarness(java.util.Map.of("value", "felt", "div", "felt", "q", "felt", "r", "felt"));
    h.set("value", 100);
    h.set("div", 7);
    h.run(CommonHintCodes.UNSIGNED_DIV_REM);
    assertEquals(MaybeRelocatable.of(14), h.get("q"));
    assertEquals(MaybeRelocatable.of(2), h.get("r"));

    HintHarness split =
        new HintHarness(java.util.Map.of("a", "felt", "low", "felt", "high", "felt"));
    BigInteger a = BigInteger.ONE.shiftLeft(70).add(BigInteger.valueOf(5));
    split.set("a", MaybeRelocatable.of(a));
    split.run(CommonHintCodes.SPLIT_64);
    assertEquals(MaybeRelocatable.of(5), split.get("low"));
    assertEquals(MaybeRelocatable.of(64), split.get("high"));

    HintHarness nn = new HintHarness(java.util.Map.of("a", "felt"));
    nn.set("a", -1);
    HintException e = assertThrows(HintException.class, () -> nn.run(CommonHintCodes.ASSERT_NN));
    assertEquals(
        "hint at pc 0 failed: a = "
            + "3618502788666131213697322783095070105623107215331596699973092056135872020480"
            + " is out of range.\n"
            + CommonHintCodes.ASSERT_NN,
        e.getMessage());
  }

  @Test
  void encodeFelt252ToU32sUsesTwoWordsForSmallValuesAndEightWithTheTopBitOtherwise() {
    HintHarness h =
        new HintHarness(
            java.util.Map.of(
                "packed_values", "felt*", "packed_values_len", "felt", "unpacked_u32s", "felt*"));
    var packed = h.memory.addSegment();
    var out = h.memory.addSegment();
    BigInteger big = BigInteger.ONE.shiftLeft(100).add(BigInteger.valueOf(9));
    h.memory.set(packed, MaybeRelocatable.of(5));
    h.memory.set(packed.add(1), MaybeRelocatable.of(big));
    h.set("packed_values", packed);
    h.set("packed_values_len", 2);
    h.set("unpacked_u32s", out);
    h.run(CommonHintCodes.ENCODE_FELT252_TO_U32S);
    assertEquals(MaybeRelocatable.of(0), h.memory.get(out));
    assertEquals(MaybeRelocatable.of(5), h.memory.get(out.add(1)));
    BigInteger rebuilt = BigInteger.ZERO;
    for (int i = 0; i < 8; i++) {
      rebuilt =
          rebuilt
              .shiftLeft(32)
              .add(((MaybeRelocatable.Int) h.memory.get(out.add(2 + i))).value().toBigInteger());
    }
    assertEquals(big.add(BigInteger.ONE.shiftLeft(255)), rebuilt);
  }
}
