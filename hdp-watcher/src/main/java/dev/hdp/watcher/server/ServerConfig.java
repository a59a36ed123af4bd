package dev.hdp.watcher.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The request server's settings, checked when built.
 *
 * @param host the address to bind; loopback by default
 * @param port the TCP port; 0 picks a free one
 * @param maxBodyBytes the largest request body read; a longer one is cut off while it streams in
 * @param maxTasksPerBatch the most tasks one POST may hold
 * @param maxBlocksPerDatalake the most blocks one {@code BlockSampled} datalake may sample
 * @param ratePerSecond tokens added per second to each client's bucket (writes only)
 * @param rateBurst the bucket size: how many writes a client may send at once
 * @param apiKeys key name → SHA-256 of the key (32 bytes); when empty, writes need no key (only
 *     allowed on a loopback address)
 */
public record ServerConfig(
    String host,
    int port,
    int maxBodyBytes,
    int maxTasksPerBatch,
    long maxBlocksPerDatalake,
    double ratePerSecond,
    int rateBurst,
    Map<String, byte[]> apiKeys) {
  /** The property prefix of every server setting. */
  public static final String PREFIX = "hdp.server.";

  private static final String KEY_PREFIX = PREFIX + "apiKey.";
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Set<String> KEYS =
      Set.of(
          PREFIX + "host",
          PREFIX + "port",
          PREFIX + "maxBodyBytes",
          PREFIX + "maxTasksPerBatch",
          PREFIX + "maxBlocksPerDatalake",
          PREFIX + "rateLimit.perSecond",
          PREFIX + "rateLimit.burst");

  public ServerConfig {
    require(port >= 0 && port <= 65535, "port", "must be 0..65535");
    require(maxBodyBytes >= 1024, "maxBodyBytes", "must be at least 1024");
    require(maxTasksPerBatch >= 1, "maxTasksPerBatch", "must be at least 1");
    require(maxBlocksPerDatalake >= 1, "maxBlocksPerDatalake", "must be at least 1");
    require(ratePerSecond > 0, "rateLimit.perSecond", "must be positive");
    require(rateBurst >= 1, "rateLimit.burst", "must be at least 1");
    TreeMap<String, byte[]> keys = new TreeMap<>();
    apiKeys.forEach(
        (name, hash) -> {
          require(
              KEY_NAME.matcher(name).matches(), "apiKey." + name, "name must match " + KEY_NAME);
          require(hash.length == 32, "apiKey." + name, "must be a SHA-256 hash (32 bytes)");
          keys.put(name, hash.clone());
        });
    apiKeys = java.util.Collections.unmodifiableMap(keys);
    require(
        !apiKeys.isEmpty() || isLoopback(host),
        "apiKey.*",
        "must be configured when the server listens on " + host + " (not loopback)");
  }

  /** Loopback, an ephemeral port, default limits and no keys: for tests and the demo. */
  public static ServerConfig loopback(int port) {
    return new ServerConfig("127.0.0.1", port, 256 * 1024, 64, 10_000, 20, 40, Map.of());
  }

  /** These settings with other API keys. */
  public ServerConfig withApiKeys(Map<String, byte[]> keys) {
    return new ServerConfig(
        host,
        port,
        maxBodyBytes,
        maxTasksPerBatch,
        maxBlocksPerDatalake,
        ratePerSecond,
        rateBurst,
        keys);
  }

  /** These settings with another rate limit. */
  public ServerConfig withRateLimit(double perSecond, int burst) {
    return new ServerConfig(
        host,
        port,
        maxBodyBytes,
        maxTasksPerBatch,
        maxBlocksPerDatalake,
        perSecond,
        burst,
        apiKeys);
  }

  /**
   * The server settings among {@code properties}, or null when {@code hdp.server.port} is not set
   * (no server). Keys: {@code hdp.server.host}, {@code .port}, {@code .maxBodyBytes}, {@code
   * .maxTasksPerBatch}, {@code .maxBlocksPerDatalake}, {@code .rateLimit.perSecond}, {@code
   * .rateLimit.burst}, and one {@code hdp.server.apiKey.NAME=SHA256HEX} per key. Unknown {@code
   * hdp.server.*} keys are refused.
   *
   * @throws IllegalArgumentException naming the key that is wrong
   */
  public static ServerConfig fromProperties(Properties properties) {
    Set<String> unknown = new TreeSet<>();
    Map<String, byte[]> keys = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(KEY_PREFIX)) {
        String value = properties.getProperty(key).strip();
        if (!SHA256_HEX.matcher(value).matches()) {
          throw new IllegalArgumentException(
              key + " must be the SHA-256 of the key as 64 hex digits (printf %s KEY | sha256sum)");
        }
        keys.put(key.substring(KEY_PREFIX.length()), HexFormat.of().parseHex(value));
      } else if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown server settings: " + unknown);
    }
    String port = properties.getProperty(PREFIX + "port");
    if (port == null) {
      if (!keys.isEmpty() || properties.stringPropertyNames().stream().anyMatch(KEYS::contains)) {
        throw new IllegalArgumentException(
            PREFIX + "port is not set, so the other " + PREFIX + "* settings have no server");
      }
      return null;
    }
    ServerConfig base = loopback(0);
    return new ServerConfig(
        properties.getProperty(PREFIX + "host", base.host()).strip(),
        (int) number(properties, "port", 0),
        (int) number(properties, "maxBodyBytes", base.maxBodyBytes()),
        (int) number(properties, "maxTasksPerBatch", base.maxTasksPerBatch()),
        number(properties, "maxBlocksPerDatalake", base.maxBlocksPerDatalake()),
        decimal(properties, "rateLimit.perSecond", base.ratePerSecond()),
        (int) number(properties, "rateLimit.burst", base.rateBurst()),
        keys);
  }

  /** Never prints the key hashes. */
  @Override
  public String toString() {
    return "ServerConfig[host="
        + host
        + ", port="
        + port
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", maxTasksPerBatch="
        + maxTasksPerBatch
        + ", maxBlocksPerDatalake="
        + maxBlocksPerDatalake
        + ", rate="
        + ratePerSecond
        + "/s burst "
        + rateBurst
        + ", apiKeys="
        + apiKeys.keySet()
        + "]";
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static long number(Properties properties, String key, long fallback) {
    String text = properties.getProperty(PREFIX + key);
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.strip());
      if (value > Integer.MAX_VALUE && !key.equals("maxBlocksPerDatalake")) {
        throw new IllegalArgumentException(PREFIX + key + " is too large: " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + " is not an integer: " + text, e);
    }
  }

  private static double decimal(Properties properties, String key, double fallback) {
    String text = properties.getProperty(PREFIX + key);
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + " is not a number: " + text, e);
    }
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(PREFIX + key + " " + problem);
    }
  }
}
