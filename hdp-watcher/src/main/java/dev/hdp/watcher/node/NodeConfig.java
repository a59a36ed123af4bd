package dev.hdp.watcher.node;

import dev.hdp.watcher.server.ServerConfig;
import dev.hdp.watcher.store.Database;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * The node's settings, immutable and checked when built.
 *
 * @param jdbcUrl the database; by default an H2 file, {@code jdbc:postgresql:…} for several nodes
 * @param maxConnections the pool size; Quartz's own threads need connections too
 * @param nodeId this node in logs, the transition log and Quartz's instance id; keep it stable
 *     across restarts
 * @param schedulerName the Quartz scheduler name, the same for every node sharing the database
 * @param clustered Quartz clustering (database locks, takeover of a dead node's jobs)
 * @param workerThreads how many jobs run at once
 * @param factCheckCron Quartz cron expression (with seconds) of the fact check
 * @param reconcileInterval how often to look for batches without a job
 * @param accumulatorInterval how often to append to the headers accumulator; zero turns it off
 * @param idleWait how often an idle scheduler polls for triggers stored by other nodes (≥ 1 s)
 * @param misfireThreshold how late a trigger may fire before Quartz treats it as misfired
 * @param clusterCheckin how often a clustered node checks in (and detects dead nodes)
 * @param stopGrace how long a clean stop waits for running jobs to pause
 * @param server the request server's settings; empty for no server
 */
public record NodeConfig(
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    int maxConnections,
    String nodeId,
    String schedulerName,
    boolean clustered,
    int workerThreads,
    String factCheckCron,
    Duration reconcileInterval,
    Duration accumulatorInterval,
    Duration idleWait,
    Duration misfireThreshold,
    Duration clusterCheckin,
    Duration stopGrace,
    Optional<ServerConfig> server) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** Where {@code hdp node} and {@code hdp status} keep the database unless told otherwise. */
  public static Path defaultDatabasePath() {
    return Path.of(System.getProperty("user.home"), ".hdp", "node");
  }

  public NodeConfig {
    require(jdbcUrl.startsWith("jdbc:"), "hdp.db.url", "must be a JDBC URL: " + jdbcUrl);
    require(maxConnections >= 2, "hdp.db.maxConnections", "must be at least 2");
    require(NAME.matcher(nodeId).matches(), "hdp.node.id", "must match " + NAME + ": " + nodeId);
    require(
        NAME.matcher(schedulerName).matches(),
        "hdp.node.schedulerName",
        "must match " + NAME + ": " + schedulerName);
    require(workerThreads >= 1, "hdp.node.workerThreads", "must be at least 1");
    require(
        CronExpression.isValidExpression(factCheckCron),
        "hdp.schedule.factCheckCron",
        "is not a Quartz cron expression: " + factCheckCron);
    require(positive(reconcileInterval), "hdp.schedule.reconcileInterval", "must be positive");
    require(
        !accumulatorInterval.isNegative(),
        "hdp.schedule.accumulatorInterval",
        "must be zero (off) or positive");
    require(idleWait.toMillis() >= 1000, "hdp.schedule.idleWait", "must be at least 1 s");
    require(positive(misfireThreshold), "hdp.schedule.misfireThreshold", "must be positive");
    require(positive(clusterCheckin), "hdp.schedule.clusterCheckin", "must be positive");
    require(!stopGrace.isNegative(), "hdp.node.stopGrace", "must not be negative");
    java.util.Objects.requireNonNull(server, "server");
  }

  /** Defaults for one node on an embedded H2 file at {@code databasePath}. */
  public static NodeConfig defaults(Path databasePath) {
    return new NodeConfig(
        Database.h2FileUrl(databasePath, false),
        "sa",
        "",
        10,
        "node-1",
        "hdp",
        false,
        4,
        "0 * * * * ?",
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofSeconds(5),
        Duration.ofMinutes(1),
        Duration.ofMillis(7500),
        Duration.ofSeconds(30),
        Optional.empty());
  }

  /** These settings with a request server (or none). */
  public NodeConfig withServer(Optional<ServerConfig> server) {
    return new NodeConfig(
        jdbcUrl,
        dbUser,
        dbPassword,
        maxConnections,
        nodeId,
        schedulerName,
        clustered,
        workerThreads,
        factCheckCron,
        reconcileInterval,
        accumulatorInterval,
        idleWait,
        misfireThreshold,
        clusterCheckin,
        stopGrace,
        server);
  }

  /** Reads a properties file (keys as in {@link #fromProperties}). */
  public static NodeConfig load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return fromProperties(properties);
  }

  /**
   * Builds a configuration from {@code hdp.*} properties over the defaults: {@code hdp.db.path} (an
   * H2 file) or {@code hdp.db.url}, {@code hdp.db.user}, {@code hdp.db.password}, {@code
   * hdp.db.maxConnections}, {@code hdp.node.id}, {@code hdp.node.schedulerName}, {@code
   * hdp.node.clustered}, {@code hdp.node.workerThreads}, {@code hdp.node.stopGrace}, {@code
   * hdp.schedule.factCheckCron}, {@code hdp.schedule.reconcileInterval}, {@code
   * hdp.schedule.accumulatorInterval}, {@code hdp.schedule.idleWait}, {@code
   * hdp.schedule.misfireThreshold}, {@code hdp.schedule.clusterCheckin}, and the request server's
   * {@code hdp.server.*} keys ({@link ServerConfig#fromProperties}). Durations are ISO-8601 ({@code
   * PT30S}). Unknown {@code hdp.*} keys are refused, so a typo cannot go unnoticed.
   *
   * @throws IllegalArgumentException naming the key that is wrong
   */
  public static NodeConfig fromProperties(Properties properties) {
    Set<String> unknown = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith("hdp.") && !key.startsWith(ServerConfig.PREFIX) && !KEYS.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown node settings: " + unknown);
    }
    if (properties.containsKey("hdp.db.path") && properties.containsKey("hdp.db.url")) {
      throw new IllegalArgumentException("set hdp.db.path or hdp.db.url, not both");
    }
    String path = properties.getProperty("hdp.db.path");
    NodeConfig base = defaults(path == null ? defaultDatabasePath() : Path.of(path));
    return new NodeConfig(
        properties.getProperty("hdp.db.url", base.jdbcUrl()),
        properties.getProperty("hdp.db.user", base.dbUser()),
        properties.getProperty("hdp.db.password", base.dbPassword()),
        integer(properties, "hdp.db.maxConnections", base.maxConnections()),
        properties.getProperty("hdp.node.id", base.nodeId()),
        properties.getProperty("hdp.node.schedulerName", base.schedulerName()),
        bool(properties, "hdp.node.clustered", base.clustered()),
        integer(properties, "hdp.node.workerThreads", base.workerThreads()),
        properties.getProperty("hdp.schedule.factCheckCron", base.factCheckCron()),
        duration(properties, "hdp.schedule.reconcileInterval", base.reconcileInterval()),
        duration(properties, "hdp.schedule.accumulatorInterval", base.accumulatorInterval()),
        duration(properties, "hdp.schedule.idleWait", base.idleWait()),
        duration(properties, "hdp.schedule.misfireThreshold", base.misfireThreshold()),
        duration(properties, "hdp.schedule.clusterCheckin", base.clusterCheckin()),
        duration(properties, "hdp.node.stopGrace", base.stopGrace()),
        Optional.ofNullable(ServerConfig.fromProperties(properties)));
  }

  /** Like the record's own, but never prints the password. */
  @Override
  public String toString() {
    return "NodeConfig[jdbcUrl="
        + jdbcUrl
        + ", dbUser="
        + dbUser
        + ", nodeId="
        + nodeId
        + ", schedulerName="
        + schedulerName
        + ", clustered="
        + clustered
        + ", workerThreads="
        + workerThreads
        + ", factCheckCron="
        + factCheckCron
        + ", reconcileInterval="
        + reconcileInterval
        + ", accumulatorInterval="
        + accumulatorInterval
        + ", server="
        + server
        + "]";
  }

  private static final Set<String> KEYS =
      Set.of(
          "hdp.db.path",
          "hdp.db.url",
          "hdp.db.user",
          "hdp.db.password",
          "hdp.db.maxConnections",
          "hdp.node.id",
          "hdp.node.schedulerName",
          "hdp.node.clustered",
          "hdp.node.workerThreads",
          "hdp.node.stopGrace",
          "hdp.schedule.factCheckCron",
          "hdp.schedule.reconcileInterval",
          "hdp.schedule.accumulatorInterval",
          "hdp.schedule.idleWait",
          "hdp.schedule.misfireThreshold",
          "hdp.schedule.clusterCheckin");

  private static int integer(Properties properties, String key, int fallback) {
    String text = properties.getProperty(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " is not an integer: " + text, e);
    }
  }

  private static boolean bool(Properties properties, String key, boolean fallback) {
    String text = properties.getProperty(key);
    if (text == null) {
      return fallback;
    }
    return switch (text.strip()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false: " + text);
    };
  }

  private static Duration duration(Properties properties, String key, Duration fallback) {
    String text = properties.getProperty(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          key + " is not an ISO-8601 duration such as PT30S: " + text, e);
    }
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(key + " " + problem);
    }
  }
}
