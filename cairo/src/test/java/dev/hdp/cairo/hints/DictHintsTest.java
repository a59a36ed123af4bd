package dev.hdp.cairo.hints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Relocatable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DictHintsTest {
  private static Map<String, String> locals(String... namesAndTypes) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      m.put(namesAndTypes[i], namesAndTypes[i + 1]);
    }
    return m;
  }

  @Test
  void defaultDictReadWriteUpdateTrackTheDictPointer() {
    HintHarness h =
        new HintHarness(
            locals(
                "default_value",
                "felt",
                "dict_ptr",
                "__main__.DictAccess*",
                "key",
                "felt",
                "value",
                "felt",
                "new_value",
                "felt",
                "prev_value",
                "felt"));
    h.set("default_value", 7);
    h.run(DictHintCodes.DEFAULT_DICT_NEW);
    Relocatable base = (Relocatable) h.memory.get(h.vm.ap());
    h.set("dict_ptr", base);
    h.set("key", 4);
    h.run(DictHintCodes.DICT_READ);
    assertEquals(MaybeRelocatable.of(7), h.get("value"));

    // A second read at the same pointer is refused: the tracker moved on by one DictAccess.
    HintException stale = assertThrows(HintException.class, () -> h.run(DictHintCodes.DICT_READ));
    assertTrue(stale.getMessage().contains("wrong dict pointer"), stale.getMessage());
  }

  @Test
  void dictWriteRecordsThePreviousValueAndUpdateChecksIt() {
    HintHarness h =
        new HintHarness(
            locals(
                "default_value",
                "felt",
                "dict_ptr",
                "__main__.DictAccess*",
                "key",
                "felt",
                "new_value",
                "felt",
                "prev_value",
                "felt"));
    h.set("default_value", 0);
    h.run(DictHintCodes.DEFAULT_DICT_NEW);
    Relocatable base = (Relocatable) h.memory.get(h.vm.ap());
    h.set("dict_ptr", base);
    h.set("key", 9);
    h.set("new_value", 11);
    h.run(DictHintCodes.DICT_WRITE);
    assertEquals(MaybeRelocatable.of(0), h.memory.get(base.add(1)));
    assertEquals(
        Map.of(MaybeRelocatable.of(9), MaybeRelocatable.of(11)),
        h.env.dictManager().tracker(base.add(3)).data());
  }

  @Test
  void squashDictWalksKeysInAscendingOrderWithSortedAccessIndices() {
    HintHarness h =
        new HintHarness(
            locals(
                "dict_accesses",
                "__main__.DictAccess*",
                "ptr_diff",
                "felt",
                "n_accesses",
                "felt",
                "big_keys",
                "felt",
                "first_key",
                "felt",
                "range_check_ptr",
                "felt*",
                "should_skip_loop",
                "felt",
                "loop_temps",
                "__main__.LoopTemps",
                "next_key",
                "felt",
                "n_used_accesses",
                "felt"));
    Relocatable accesses = h.memory.addSegment();
    long[][] rows = {{5, 0, 1}, {3, 0, 2}, {5, 1, 4}};
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < 3; j++) {
        h.memory.set(accesses.add(3L * i + j), MaybeRelocatable.of(rows[i][j]));
      }
    }
    Relocatable rc = h.memory.addSegment();
    h.set("dict_accesses", accesses);
    h.set("ptr_diff", 9);
    h.set("n_accesses", 3);
    h.set("range_check_ptr", rc);
    h.run(DictHintCodes.SQUASH_DICT);
    assertEquals(MaybeRelocatable.of(0), h.get("big_keys"));
    assertEquals(MaybeRelocatable.of(3), h.get("first_key"));
    h.run(DictHintCodes.SQUASH_DICT_INNER_FIRST_ITERATION);
    assertEquals(MaybeRelocatable.of(1), h.memory.get(rc));
    h.run(DictHintCodes.SQUASH_DICT_INNER_SKIP_LOOP);
    assertEquals(MaybeRelocatable.of(1), h.get("should_skip_loop"));
    h.run(DictHintCodes.SQUASH_DICT_INNER_NEXT_KEY);
    assertEquals(MaybeRelocatable.of(5), h.get("next_key"));
    h.newFrame();
    h.set("range_check_ptr", rc.add(1));
    h.run(DictHintCodes.SQUASH_DICT_INNER_FIRST_ITERATION);
    assertEquals(MaybeRelocatable.of(0), h.memory.get(rc.add(1))); // key 5: accesses 0 and 2
    h.run(DictHintCodes.SQUASH_DICT_INNER_SKIP_LOOP);
    assertEquals(MaybeRelocatable.of(0), h.get("should_skip_loop"));
    h.run(DictHintCodes.SQUASH_DICT_INNER_CHECK_ACCESS_INDEX);
    assertEquals(MaybeRelocatable.of(1), h.memory.get(h.slot("loop_temps"))); // 2 - 0 - 1
    h.run(DictHintCodes.SQUASH_DICT_INNER_CONTINUE_LOOP);
    assertEquals(MaybeRelocatable.of(0), h.memory.get(h.slot("loop_temps").add(3)));
    h.set("n_used_accesses", 2);
    h.run(DictHintCodes.SQUASH_DICT_INNER_USED_ACCESSES_ASSERT);
    h.run(DictHintCodes.SQUASH_DICT_INNER_LEN_ASSERT);
    h.run(DictHintCodes.SQUASH_DICT_INNER_ASSERT_LEN_KEYS);
    HintException noKeys =
        assertThrows(HintException.class, () -> h.run(DictHintCodes.SQUASH_DICT_INNER_NEXT_KEY));
    assertTrue(
        noKeys.getMessage().contains("No keys left but remaining_accesses > 0."),
        noKeys.getMessage());
  }
}
