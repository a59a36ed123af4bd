/**
 * A small metrics registry of our own (counters, gauges read at scrape time, histograms) that
 * prints the Prometheus text exposition format, version 0.0.4.
 *
 * <p>Why not a library: the node needs a dozen series and one text format; Micrometer or the
 * Prometheus client would add more code than this package has. The format rules kept here: one
 * {@code # HELP} and {@code # TYPE} line per family, label values escaped ({@code \\}, {@code "},
 * newline), histogram buckets cumulative with a final {@code le="+Inf"}, then {@code _sum} and
 * {@code _count}.
 */
package dev.hdp.watcher.metrics;
