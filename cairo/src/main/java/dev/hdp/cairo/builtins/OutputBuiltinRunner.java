package dev.hdp.cairo.builtins;

import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.VmException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The output builtin: free cells that form the program's public output, optionally split into pages
 * with attributes such as {@code gps_fact_topology}.
 */
public final class OutputBuiltinRunner extends BuiltinRunner {
  /** A page of output: its start offset in the segment and its size. */
  public record Page(long start, long size) {}

  /**
   * What {@link #getState} saves and {@link #setState} restores ({@code OutputBuiltinState} in
   * cairo-lang): the address page starts count from, the pages and the attributes.
   */
  public record State(
      Relocatable base, Map<Integer, Page> pages, Map<String, List<BigInteger>> attributes) {
    public State {
      pages = Collections.unmodifiableMap(new TreeMap<>(pages));
      attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
  }

  private final TreeMap<Integer, Page> pages = new TreeMap<>();
  private final LinkedHashMap<String, List<BigInteger>> attributes = new LinkedHashMap<>();

  /** Where page starts count from; null: the builtin's own base (the usual case). */
  private Relocatable stateBase;

  public OutputBuiltinRunner(boolean included) {
    super("output", 1, 1, included, 0);
  }

  /**
   * Adds page {@code pageId} (from 1) starting at {@code start}, which must lie in the segment of
   * the current {@linkplain #stateBase() base}; the page keeps its start relative to that base.
   */
  public void addPage(int pageId, Relocatable start, long size) {
    Relocatable from = stateBase();
    if (start.segment() != from.segment()) {
      throw new VmException(
          "output page start " + start + " is not in the output segment " + from.segment());
    }
    if (pageId < 1 || pages.containsKey(pageId)) {
      throw new VmException("output page id " + pageId + " is invalid or repeated");
    }
    pages.put(pageId, new Page(start.sub(from), size));
  }

  /** The address page starts count from: the builtin's base unless a new state moved it. */
  public Relocatable stateBase() {
    return stateBase != null ? stateBase : base();
  }

  /** The base, pages and attributes ({@code get_state}), to restore later. */
  public State getState() {
    return new State(stateBase(), pages, attributes);
  }

  /**
   * Starts a fresh state whose pages count from {@code base}, with no pages or attributes ({@code
   * new_state}): the bootloaders use it to let a task or an inner bootloader write its output with
   * its own pages elsewhere.
   */
  public void newState(Relocatable base) {
    stateBase = base;
    pages.clear();
    attributes.clear();
  }

  /** Restores a saved state ({@code set_state}). */
  public void setState(State state) {
    stateBase = state.base();
    pages.clear();
    pages.putAll(state.pages());
    attributes.clear();
    attributes.putAll(state.attributes());
  }

  /** Sets an attribute, e.g. {@code gps_fact_topology}. */
  public void addAttribute(String name, List<BigInteger> value) {
    attributes.put(name, List.copyOf(value));
  }

  public Map<Integer, Page> pages() {
    return Collections.unmodifiableMap(pages);
  }

  public Map<String, List<BigInteger>> attributes() {
    return Collections.unmodifiableMap(attributes);
  }

  @Override
  public Object additionalData() {
    Map<String, Object> pageJson = new LinkedHashMap<>();
    pages.forEach((id, p) -> pageJson.put(id.toString(), List.of(p.start(), p.size())));
    Map<String, Object> attrJson = new LinkedHashMap<>();
    attributes.forEach((k, v) -> attrJson.put(k, new ArrayList<>(v)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pages", pageJson);
    out.put("attributes", attrJson);
    return out;
  }

  @Override
  public void loadAdditionalData(Object data) {
    if (!(data instanceof Map<?, ?> map)) {
      throw new VmException("output_builtin additional data must be an object");
    }
    pages.clear();
    attributes.clear();
    if (map.get("pages") instanceof Map<?, ?> ps) {
      for (var e : ps.entrySet()) {
        if (!(e.getValue() instanceof List<?> l) || l.size() != 2) {
          throw new VmException("output_builtin page " + e.getKey() + " must be [start, size]");
        }
        pages.put(
            Integer.parseInt(e.getKey().toString()),
            new Page(((Number) l.get(0)).longValue(), ((Number) l.get(1)).longValue()));
      }
    }
    if (map.get("attributes") instanceof Map<?, ?> as) {
      for (var e : as.entrySet()) {
        List<BigInteger> values = new ArrayList<>();
        for (Object o : (List<?>) e.getValue()) {
          values.add(new BigInteger(o.toString()));
        }
        attributes.put(e.getKey().toString(), values);
      }
    }
  }
}
