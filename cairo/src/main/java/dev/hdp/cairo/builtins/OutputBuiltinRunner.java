package dev.hdp.cairo.builtins;

import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.VmException;
import java.math.BigInteger;
import java.util.ArrayList;
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

  private final TreeMap<Integer, Page> pages = new TreeMap<>();
  private final LinkedHashMap<String, List<BigInteger>> attributes = new LinkedHashMap<>();

  public OutputBuiltinRunner(boolean included) {
    super("output", 1, 1, included, 0);
  }

  /** Adds page {@code pageId} (from 1) starting at {@code start} in the output segment. */
  public void addPage(int pageId, Relocatable start, long size) {
    if (start.segment() != segmentIndex()) {
      throw new VmException("output page start " + start + " is not in the output segment");
    }
    if (pageId < 1 || pages.containsKey(pageId)) {
      throw new VmException("output page id " + pageId + " is invalid or repeated");
    }
    pages.put(pageId, new Page(start.offset(), size));
  }

  /** Sets an attribute, e.g. {@code gps_fact_topology}. */
  public void addAttribute(String name, List<BigInteger> value) {
    attributes.put(name, List.copyOf(value));
  }

  public Map<Integer, Page> pages() {
    return java.util.Collections.unmodifiableMap(pages);
  }

  public Map<String, List<BigInteger>> attributes() {
    return java.util.Collections.unmodifiableMap(attributes);
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
