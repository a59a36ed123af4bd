package dev.hdp.cairo.runner;

import dev.hdp.cairo.builtins.BuiltinRunner;
import dev.hdp.cairo.builtins.EcdsaBuiltinRunner;
import dev.hdp.cairo.crypto.StarkCurve;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AIR private input of a proof-mode run ({@code air_private_input.json}): the trace and memory
 * file paths and, per builtin, the inputs of every used instance (hex strings, by instance index).
 * The mod builtins' batches are not produced yet.
 */
public final class AirPrivateInput {
  private AirPrivateInput() {}

  /** The private input as a JSON-ready map. */
  public static Map<String, Object> of(CairoRunner runner, String tracePath, String memoryPath) {
    Memory memory = runner.memory();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("trace_path", tracePath);
    out.put("memory_path", memoryPath);
    for (BuiltinRunner b : runner.builtins().values()) {
      List<String> fields =
          switch (b.name()) {
            case "pedersen", "bitwise" -> List.of("x", "y");
            case "range_check", "range_check96" -> List.of("value");
            case "ec_op" -> List.of("p_x", "p_y", "q_x", "q_y", "m");
            case "keccak" ->
                List.of(
                    "input_s0",
                    "input_s1",
                    "input_s2",
                    "input_s3",
                    "input_s4",
                    "input_s5",
                    "input_s6",
                    "input_s7");
            case "poseidon" -> List.of("input_s0", "input_s1", "input_s2");
            case "ecdsa" -> List.of("pubkey", "msg");
            default -> null;
          };
      if (fields == null) {
        continue; // output has no private input; mod builtins are not supported yet
      }
      List<Object> items = new ArrayList<>();
      int instances = b.usedInstances(memory);
      for (int k = 0; k < instances; k++) {
        Relocatable start = b.base().add((long) k * b.cellsPerInstance());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("index", k);
        boolean complete = true;
        for (int f = 0; f < fields.size(); f++) {
          MaybeRelocatable v = memory.get(start.add(f));
          if (!(v instanceof MaybeRelocatable.Int i)) {
            complete = false;
            break;
          }
          item.put(fields.get(f), hex(i.value().toBigInteger()));
        }
        if (!complete) {
          continue;
        }
        if (b instanceof EcdsaBuiltinRunner ecdsa) {
          BigInteger[] sig = ecdsa.signatures().get(start);
          if (sig == null) {
            continue;
          }
          Map<String, Object> signature = new LinkedHashMap<>();
          signature.put("r", hex(sig[0]));
          signature.put("w", hex(sig[1].modInverse(StarkCurve.ORDER)));
          item.put("signature_input", signature);
        }
        items.add(item);
      }
      out.put(b.name(), items);
    }
    return out;
  }

  private static String hex(BigInteger v) {
    return "0x" + v.toString(16);
  }
}
