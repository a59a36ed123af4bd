package dev.hdp.watcher.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The registry: families are registered once, then updated from any thread. */
public final class Metrics {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final Map<String, Family> families = new LinkedHashMap<>();

  /** A counter family with the given label names. */
  public synchronized Counter counter(String name, String help, String... labels) {
    return register(new Counter(name, help, labels));
  }

  /** A histogram family with the given upper bounds (sorted ascending) and label names. */
  public synchronized Histogram histogram(
      String name, String help, double[] buckets, String... labels) {
    return register(new Histogram(name, help, buckets, labels));
  }

  /**
   * A gauge family read when scraped: {@code values} maps label values (in label-name order) to the
   * value. A supplier that throws leaves the family out of that scrape.
   */
  public synchronized void gauge(
      String name, String help, Supplier<Map<List<String>, Double>> values, String... labels) {
    register(new Gauge(name, help, values, labels));
  }

  /** The registry in the Prometheus text format. */
  public String render() {
    List<Family> snapshot;
    synchronized (this) {
      snapshot = List.copyOf(families.values());
    }
    StringBuilder out = new StringBuilder(4096);
    for (Family family : snapshot) {
      StringBuilder lines = new StringBuilder();
      try {
        family.write(lines);
      } catch (RuntimeException e) {
        continue;
      }
      out.append("# HELP ").append(family.name).append(' ').append(escapeHelp(family.help));
      out.append('\n').append("# TYPE ").append(family.name).append(' ').append(family.type());
      out.append('\n').append(lines);
    }
    return out.toString();
  }

  private <F extends Family> F register(F family) {
    if (families.containsKey(family.name)) {
      throw new IllegalArgumentException("metric " + family.name + " is already registered");
    }
    families.put(family.name, family);
    return family;
  }

  /** Common to every family: name, help, label names. */
  public abstract static sealed class Family permits Counter, Histogram, Gauge {
    final String name;
    final String help;
    final List<String> labels;

    Family(String name, String help, String[] labels) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("bad metric name " + name);
      }
      for (String label : labels) {
        if (!LABEL.matcher(label).matches() || label.startsWith("__") || label.equals("le")) {
          throw new IllegalArgumentException("bad label name " + label + " of " + name);
        }
      }
      this.name = name;
      this.help = help;
      this.labels = List.of(labels);
    }

    abstract String type();

    abstract void write(StringBuilder out);

    List<String> key(String[] values) {
      if (values.length != labels.size()) {
        throw new IllegalArgumentException(
            name + " takes labels " + labels + ", got " + Arrays.toString(values));
      }
      return List.of(values);
    }

    void sample(StringBuilder out, String suffix, List<String> values, String extra, double v) {
      out.append(name).append(suffix);
      if (!values.isEmpty() || extra != null) {
        out.append('{');
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append(labels.get(i)).append("=\"").append(escapeLabel(values.get(i))).append('"');
        }
        if (extra != null) {
          out.append(values.isEmpty() ? "" : ",").append(extra);
        }
        out.append('}');
      }
      out.append(' ').append(format(v)).append('\n');
    }
  }

  /** A monotonically increasing count per label set. */
  public static final class Counter extends Family {
    private final Map<List<String>, LongAdder> values = new ConcurrentHashMap<>();

    Counter(String name, String help, String[] labels) {
      super(name, help, labels);
      if (labels.length == 0) {
        values.put(List.of(), new LongAdder());
      }
    }

    public void inc(String... labelValues) {
      add(1, labelValues);
    }

    public void add(long amount, String... labelValues) {
      if (amount < 0) {
        throw new IllegalArgumentException("a counter only goes up");
      }
      values.computeIfAbsent(key(labelValues), k -> new LongAdder()).add(amount);
    }

    /** The current count for these label values (0 if never counted). */
    public long get(String... labelValues) {
      LongAdder adder = values.get(key(labelValues));
      return adder == null ? 0 : adder.sum();
    }

    @Override
    String type() {
      return "counter";
    }

    @Override
    void write(StringBuilder out) {
      for (Map.Entry<List<String>, LongAdder> e : sorted(values)) {
        sample(out, "", e.getKey(), null, e.getValue().sum());
      }
    }
  }

  /** Observations counted into cumulative buckets, with their sum and count. */
  public static final class Histogram extends Family {
    private final double[] bounds;
    private final Map<List<String>, Cells> values = new ConcurrentHashMap<>();

    private static final class Cells {
      final LongAdder[] buckets;
      final DoubleAdder sum = new DoubleAdder();
      final LongAdder count = new LongAdder();

      Cells(int size) {
        buckets = new LongAdder[size];
        for (int i = 0; i < size; i++) {
          buckets[i] = new LongAdder();
        }
      }
    }

    Histogram(String name, String help, double[] bounds, String[] labels) {
      super(name, help, labels);
      for (int i = 1; i < bounds.length; i++) {
        if (!(bounds[i] > bounds[i - 1])) {
          throw new IllegalArgumentException("histogram bounds must ascend: " + name);
        }
      }
      this.bounds = bounds.clone();
    }

    public void observe(double value, String... labelValues) {
      Cells cells = values.computeIfAbsent(key(labelValues), k -> new Cells(bounds.length));
      for (int i = 0; i < bounds.length; i++) {
        if (value <= bounds[i]) {
          cells.buckets[i].increment();
          break;
        }
      }
      cells.sum.add(value);
      cells.count.increment();
    }

    /** How many observations were made with these label values. */
    public long count(String... labelValues) {
      Cells cells = values.get(key(labelValues));
      return cells == null ? 0 : cells.count.sum();
    }

    @Override
    String type() {
      return "histogram";
    }

    @Override
    void write(StringBuilder out) {
      for (Map.Entry<List<String>, Cells> e : sorted(values)) {
        Cells cells = e.getValue();
        long total = cells.count.sum();
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
          cumulative += cells.buckets[i].sum();
          sample(out, "_bucket", e.getKey(), "le=\"" + format(bounds[i]) + "\"", cumulative);
        }
        sample(out, "_bucket", e.getKey(), "le=\"+Inf\"", total);
        sample(out, "_sum", e.getKey(), null, cells.sum.sum());
        sample(out, "_count", e.getKey(), null, total);
      }
    }
  }

  /** Values computed at scrape time. */
  static final class Gauge extends Family {
    private final Supplier<Map<List<String>, Double>> supplier;

    Gauge(String name, String help, Supplier<Map<List<String>, Double>> supplier, String[] labels) {
      super(name, help, labels);
      this.supplier = supplier;
    }

    @Override
    String type() {
      return "gauge";
    }

    @Override
    void write(StringBuilder out) {
      for (Map.Entry<List<String>, Double> e : sorted(supplier.get())) {
        sample(out, "", key(e.getKey().toArray(String[]::new)), null, e.getValue());
      }
    }
  }

  private static <V> List<Map.Entry<List<String>, V>> sorted(Map<List<String>, V> values) {
    List<Map.Entry<List<String>, V>> entries = new ArrayList<>(values.entrySet());
    entries.sort(
        (a, b) -> String.join("\u0000", a.getKey()).compareTo(String.join("\u0000", b.getKey())));
    return entries;
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%s", value);
  }

  private static String escapeLabel(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String escapeHelp(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
