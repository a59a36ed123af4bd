package dev.hdp.cairo.hints;

import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Relocatable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dictionaries of {@code starkware.cairo.common.dict}: each lives in its own segment and is
 * tracked by its segment index, with its current pointer and an optional default value.
 */
public final class DictManager {
  /** One dictionary. */
  public static final class Tracker {
    final Map<MaybeRelocatable, MaybeRelocatable> data;
    final MaybeRelocatable defaultValue;
    Relocatable current;

    Tracker(
        Map<MaybeRelocatable, MaybeRelocatable> initial,
        MaybeRelocatable defaultValue,
        Relocatable base) {
      this.data = new LinkedHashMap<>(initial);
      this.defaultValue = defaultValue;
      this.current = base;
    }

    public Map<MaybeRelocatable, MaybeRelocatable> data() {
      return data;
    }

    public MaybeRelocatable get(MaybeRelocatable key) {
      MaybeRelocatable v = data.get(key);
      if (v == null) {
        if (defaultValue == null) {
          throw new HintException("dict has no key " + key);
        }
        return defaultValue;
      }
      return v;
    }

    public void put(MaybeRelocatable key, MaybeRelocatable value) {
      data.put(key, value);
    }

    public Relocatable current() {
      return current;
    }
  }

  private final Map<Integer, Tracker> trackers = new HashMap<>();

  /** Starts a dictionary at {@code base} (a fresh segment). */
  public Relocatable newDict(
      Relocatable base,
      Map<MaybeRelocatable, MaybeRelocatable> initial,
      MaybeRelocatable defaultValue) {
    if (trackers.containsKey(base.segment())) {
      throw new HintException("segment " + base.segment() + " already holds a dict");
    }
    trackers.put(base.segment(), new Tracker(initial, defaultValue, base));
    return base;
  }

  /** The dictionary that {@code dictPtr} points into, checking it is at its current end. */
  public Tracker tracker(Relocatable dictPtr) {
    Tracker t = trackers.get(dictPtr.segment());
    if (t == null) {
      throw new HintException("no dict tracker for segment " + dictPtr.segment());
    }
    if (!t.current.equals(dictPtr)) {
      throw new HintException("wrong dict pointer " + dictPtr + ", the dict is at " + t.current);
    }
    return t;
  }

  /** Moves a dictionary's current pointer. */
  public void advance(Relocatable dictPtr, long by) {
    Tracker t = tracker(dictPtr);
    t.current = dictPtr.add(by);
  }
}
