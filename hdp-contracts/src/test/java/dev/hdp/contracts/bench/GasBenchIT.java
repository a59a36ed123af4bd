package dev.hdp.contracts.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.fixtures.AnvilExtension;
import dev.hdp.fixtures.AnvilNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gas targets of the issue, on Anvil: ≤ 80% of Herodotus per task, root-only < 10%. */
@Tag("anvil")
@ExtendWith(AnvilExtension.class)
class GasBenchIT {
  @Test
  void perTaskGasStaysUnderTheTargets(AnvilNode anvil) throws Exception {
    GasBench.Figures figures = GasBench.measure(anvil.rpcUrl(), anvil.deployer());
    GasBench.print(figures, System.out);
    for (int n : GasBench.BATCH_SIZES) {
      long limit = GasBench.HERODOTUS_PER_TASK.get(n) * 80 / 100;
      assertTrue(figures.perTask(n) <= limit, n + " tasks: " + figures.perTask(n) + " > " + limit);
    }
    long rootOnlyLimit = GasBench.HERODOTUS_PER_TASK.get(64) / 10;
    assertTrue(
        figures.rootOnlyPerTask() < rootOnlyLimit, "root-only: " + figures.rootOnlyPerTask());
    assertTrue(figures.request() <= GasBench.HERODOTUS_REQUEST, "request: " + figures.request());
  }
}
