package dev.hdp.watcher.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void printsCountersGaugesAndCumulativeHistogramsInTheTextFormat() {
    Metrics metrics = new Metrics();
    Metrics.Counter requests = metrics.counter("x_requests_total", "Requests.", "route", "status");
    requests.inc("GET /a", "200");
    requests.add(2, "GET /a", "200");
    requests.inc("POST \"q\"\n", "400");
    Metrics.Histogram seconds =
        metrics.histogram("x_seconds", "Time.", new double[] {0.1, 1}, "stage");
    seconds.observe(0.05, "A");
    seconds.observe(0.5, "A");
    seconds.observe(7, "A");
    metrics.gauge("x_depth", "Depth.", () -> Map.of(List.of("B"), 4.0, List.of("A"), 2.5), "stage");
    assertEquals(
        """
        # HELP x_requests_total Requests.
        # TYPE x_requests_total counter
        x_requests_total{route="GET /a",status="200"} 3
        x_requests_total{route="POST \\"q\\"\\n",status="400"} 1
        # HELP x_seconds Time.
        # TYPE x_seconds histogram
        x_seconds_bucket{stage="A",le="0.1"} 1
        x_seconds_bucket{stage="A",le="1"} 2
        x_seconds_bucket{stage="A",le="+Inf"} 3
        x_seconds_sum{stage="A"} 7.55
        x_seconds_count{stage="A"} 3
        # HELP x_depth Depth.
        # TYPE x_depth gauge
        x_depth{stage="A"} 2.5
        x_depth{stage="B"} 4
        """,
        metrics.render());
    assertEquals(3, requests.get("GET /a", "200"));
  }

  @Test
  void refusesBadNamesWrongLabelCountsAndDecreasingCounters() {
    Metrics metrics = new Metrics();
    assertThrows(IllegalArgumentException.class, () -> metrics.counter("1x", "bad"));
    assertThrows(IllegalArgumentException.class, () -> metrics.counter("x_total", "bad", "le"));
    Metrics.Counter counter = metrics.counter("x_total", "ok", "a");
    assertThrows(IllegalArgumentException.class, () -> metrics.counter("x_total", "again"));
    assertThrows(IllegalArgumentException.class, () -> counter.inc("1", "2"));
    assertThrows(IllegalArgumentException.class, () -> counter.add(-1, "1"));
  }

  @Test
  void aFailingGaugeIsLeftOutOfTheScrape() {
    Metrics metrics = new Metrics();
    metrics.gauge(
        "x_broken",
        "Broken.",
        () -> {
          throw new IllegalStateException("database down");
        });
    metrics.counter("x_total", "Fine.").inc();
    assertEquals("# HELP x_total Fine.\n# TYPE x_total counter\nx_total 1\n", metrics.render());
  }
}
