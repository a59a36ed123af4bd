package dev.hdp.watcher.pipeline;

import dev.hdp.contracts.deploy.DeployedContracts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.web3j.crypto.Credentials;

/**
 * What the pipeline needs besides the store and the scheduler.
 *
 * @param rpc the chain's JSON-RPC endpoint
 * @param contracts the deployment (addresses, chain id, program hash, deploy block)
 * @param dataDir where batch files, Cairo inputs and the accumulator index go
 * @param operator the key that caches MMR roots, appends to the accumulator and finalizes
 * @param devProver the dev prover's key (marks facts valid on the dev registry, UNPROVEN)
 * @param mmrId the accumulator MMR the node proves headers against (created if missing)
 * @param mmrFirstBlock the first block of that MMR when the node creates it
 * @param confirmations how many blocks an event must be buried under before it is read
 * @param pollInterval how often the event watcher polls
 * @param maxBlocksPerPoll how many blocks one poll reads at most
 * @param appendThreshold the periodic append runs once this many blocks wait (on-demand appends for
 *     a batch happen regardless)
 */
public record PipelineConfig(
    URI rpc,
    DeployedContracts contracts,
    Path dataDir,
    Credentials operator,
    Credentials devProver,
    long mmrId,
    long mmrFirstBlock,
    int confirmations,
    Duration pollInterval,
    int maxBlocksPerPoll,
    int appendThreshold,
    boolean scheduleHttpBatchesOnChain) {
  public PipelineConfig {
    Objects.requireNonNull(rpc, "hdp.chain.rpc");
    Objects.requireNonNull(contracts, "hdp.chain.contracts");
    Objects.requireNonNull(dataDir, "hdp.data.dir");
    Objects.requireNonNull(operator, "hdp.keys.operator");
    Objects.requireNonNull(devProver, "hdp.keys.devProver");
    if (mmrId < 1) {
      throw new IllegalArgumentException("hdp.accumulator.mmrId must be at least 1");
    }
    if (confirmations < 0) {
      throw new IllegalArgumentException("hdp.watch.confirmations must not be negative");
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("hdp.watch.pollInterval must be positive");
    }
    if (maxBlocksPerPoll < 1 || appendThreshold < 1 || appendThreshold > 255) {
      throw new IllegalArgumentException(
          "hdp.watch.maxBlocksPerPoll must be >= 1, hdp.accumulator.appendThreshold 1-255");
    }
  }

  /** The keys this reads from a node configuration file. */
  public static final String PREFIXES =
      "hdp.chain., hdp.data., hdp.keys., hdp.watch., hdp.accumulator.";

  /** True when {@code key} belongs to this configuration rather than to the store and scheduler. */
  public static boolean owns(String key) {
    for (String prefix : PREFIXES.split(", ")) {
      if (key.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads {@code hdp.chain.rpc}, {@code hdp.chain.contracts} (the file {@code hdp deploy} wrote),
   * {@code hdp.data.dir}, {@code hdp.keys.operator} and {@code hdp.keys.devProver} (0x… private
   * keys, or {@code env:NAME}), {@code hdp.accumulator.mmrId} (1), {@code
   * hdp.accumulator.firstBlock} (the deploy block), {@code hdp.accumulator.appendThreshold} (128),
   * {@code hdp.watch.confirmations} (1), {@code hdp.watch.pollInterval} (PT1S), {@code
   * hdp.watch.maxBlocksPerPoll} (1000), {@code hdp.chain.scheduleHttpBatches} (false: batches
   * posted over HTTP are finalized without being requested on-chain first). Relative paths resolve
   * against {@code base}.
   */
  public static PipelineConfig fromProperties(Properties p, Path base) throws IOException {
    for (String key : p.stringPropertyNames()) {
      if (owns(key) && !KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown pipeline setting: " + key);
      }
    }
    Path contractsFile = base.resolve(required(p, "hdp.chain.contracts"));
    DeployedContracts contracts = DeployedContracts.read(contractsFile);
    return new PipelineConfig(
        URI.create(required(p, "hdp.chain.rpc")),
        contracts,
        base.resolve(p.getProperty("hdp.data.dir", "hdp-data")),
        Credentials.create(secret(p, "hdp.keys.operator")),
        Credentials.create(secret(p, "hdp.keys.devProver")),
        Long.parseLong(p.getProperty("hdp.accumulator.mmrId", "1")),
        Long.parseLong(
            p.getProperty("hdp.accumulator.firstBlock", Long.toString(contracts.deployBlock()))),
        Integer.parseInt(p.getProperty("hdp.watch.confirmations", "1")),
        Duration.parse(p.getProperty("hdp.watch.pollInterval", "PT1S")),
        Integer.parseInt(p.getProperty("hdp.watch.maxBlocksPerPoll", "1000")),
        Integer.parseInt(p.getProperty("hdp.accumulator.appendThreshold", "128")),
        Boolean.parseBoolean(p.getProperty("hdp.chain.scheduleHttpBatches", "false")));
  }

  /** The same settings, scheduling batches posted over HTTP on-chain or not. */
  public PipelineConfig withScheduleHttpBatchesOnChain(boolean schedule) {
    return new PipelineConfig(
        rpc,
        contracts,
        dataDir,
        operator,
        devProver,
        mmrId,
        mmrFirstBlock,
        confirmations,
        pollInterval,
        maxBlocksPerPoll,
        appendThreshold,
        schedule);
  }

  private static final java.util.Set<String> KEYS =
      java.util.Set.of(
          "hdp.chain.rpc",
          "hdp.chain.contracts",
          "hdp.data.dir",
          "hdp.keys.operator",
          "hdp.keys.devProver",
          "hdp.accumulator.mmrId",
          "hdp.accumulator.firstBlock",
          "hdp.accumulator.appendThreshold",
          "hdp.watch.confirmations",
          "hdp.watch.pollInterval",
          "hdp.watch.maxBlocksPerPoll",
          "hdp.chain.scheduleHttpBatches");

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing setting " + key);
    }
    return value.strip();
  }

  private static String secret(Properties p, String key) {
    String value = required(p, key);
    if (value.startsWith("env:")) {
      String fromEnv = System.getenv(value.substring(4));
      if (fromEnv == null || fromEnv.isBlank()) {
        throw new IllegalArgumentException(
            key + ": environment variable " + value.substring(4) + " is not set");
      }
      return fromEnv.strip();
    }
    return value;
  }

  /** Like the record's own, but never prints a key. */
  @Override
  public String toString() {
    return "PipelineConfig[rpc="
        + rpc
        + ", store="
        + contracts.hdpExecutionStore()
        + ", dataDir="
        + dataDir
        + ", operator="
        + operator.getAddress()
        + ", devProver="
        + devProver.getAddress()
        + ", mmrId="
        + mmrId
        + ", confirmations="
        + confirmations
        + "]";
  }
}
