package dev.hdp.cairo.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.cairo.builtins.Layout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AirPrivateInputTest {
  @Test
  void builtinUsageInProofModeListsItsBuiltinInputs() {
    CairoRunner r =
        new CairoRunner(
                CairoRunnerTest.fixture("builtin_usage_compiled.json"),
                RunOptions.defaults().withLayout(Layout.SMALL).withProofMode(true))
            .run();
    // The one ecdsa instance needs 512 steps in the small layout.
    assertTrue(r.vm().steps() >= 512, "steps " + r.vm().steps());
    Map<String, Object> air = AirPrivateInput.of(r, "/t/trace.bin", "/t/memory.bin");
    assertEquals("/t/trace.bin", air.get("trace_path"));
    assertEquals(List.of(Map.of("index", 0, "x", "0x7b", "y", "0x1c8")), air.get("pedersen"));
    List<?> ecdsa = (List<?>) air.get("ecdsa");
    assertEquals(1, ecdsa.size());
    Map<?, ?> sig = (Map<?, ?>) ((Map<?, ?>) ecdsa.getFirst()).get("signature_input");
    assertEquals(
        "0x"
            + new java.math.BigInteger(
                    "3086480810278599376317923499561306189851900463386393948998357832163236918254")
                .toString(16),
        sig.get("r"));
    Map<String, Object> pub = AirPublicInput.of(r);
    assertEquals("small", pub.get("layout"));
    assertEquals(r.vm().steps(), ((Number) pub.get("n_steps")).longValue());
  }
}
