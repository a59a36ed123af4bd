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
}
