package dev.hdp.watcher.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.core.bytes.Address;
import dev.hdp.preprocess.rpc.JsonRpcClient;
import dev.hdp.preprocess.source.rpc.AccumulatorIndex;
import dev.hdp.preprocess.source.rpc.RpcChainDataSource;
import dev.hdp.watcher.chain.ContractReader;
import dev.hdp.watcher.chain.IntentSender;
import dev.hdp.watcher.pipeline.AccumulatorAppender;
import dev.hdp.watcher.pipeline.BatchFiles;
import dev.hdp.watcher.pipeline.DevProver;
import dev.hdp.watcher.pipeline.EventWatcher;
import dev.hdp.watcher.pipeline.PipelineConfig;
import dev.hdp.watcher.pipeline.PipelineStages;
import dev.hdp.watcher.schedule.StageHandlers;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A {@link Node} running the real pipeline on a chain with our contracts: the event watcher (its
 * own thread, polling), and the stage handlers of {@link PipelineStages} with the dev prover.
 */
public final class OperatorNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorNode.class);

  /** Both halves of a configuration file. */
  public record Settings(NodeConfig node, PipelineConfig pipeline) {}

  private final Node node;
  private final EventWatcher watcher;
  private final PipelineStages stages;
  private final ScheduledExecutorService polling;
  private final Web3j web3j;
  private final JsonRpcClient rpc;
  private final PipelineConfig config;

  private OperatorNode(
      Node node,
      EventWatcher watcher,
      PipelineStages stages,
      ScheduledExecutorService polling,
      Web3j web3j,
      JsonRpcClient rpc,
      PipelineConfig config) {
    this.node = node;
    this.watcher = watcher;
    this.stages = stages;
    this.polling = polling;
    this.web3j = web3j;
    this.rpc = rpc;
    this.config = config;
  }

  /**
   * Reads a configuration file: Java properties, or a flat JSON object ({@code .json}) with the
   * same keys. Keys of {@link PipelineConfig} and of {@link NodeConfig} may be mixed.
   */
  public static Settings load(Path file) throws IOException {
    Properties all = new Properties();
    if (file.getFileName().toString().endsWith(".json")) {
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(file + " is not a JSON object");
      }
      for (Map.Entry<String, JsonNode> entry : root.properties()) {
        all.setProperty(entry.getKey(), entry.getValue().asText());
      }
    } else {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        all.load(reader);
      }
    }
    Properties pipeline = new Properties();
    Properties node = new Properties();
    for (String key : all.stringPropertyNames()) {
      (PipelineConfig.owns(key) ? pipeline : node).setProperty(key, all.getProperty(key));
    }
    Path base = file.toAbsolutePath().getParent();
    if (node.containsKey("hdp.db.path")) {
      node.setProperty("hdp.db.path", base.resolve(node.getProperty("hdp.db.path")).toString());
    }
    return new Settings(
        NodeConfig.fromProperties(node), PipelineConfig.fromProperties(pipeline, base));
  }

  /** Starts the node and the watcher. */
  public static OperatorNode start(NodeConfig nodeConfig, PipelineConfig config, Clock clock) {
    return start(nodeConfig, config, clock, UnaryOperator.identity());
  }

  /**
   * Starts the node with its handlers passed through {@code decorate} (tests use it to stop a stage
   * half-way).
   */
  public static OperatorNode start(
      NodeConfig nodeConfig,
      PipelineConfig config,
      Clock clock,
      UnaryOperator<StageHandlers> decorate) {
    Web3j web3j = Web3j.build(new HttpService(config.rpc().toString()));
    JsonRpcClient rpc = new JsonRpcClient(config.rpc());
    try {
      ContractReader reader = new ContractReader(web3j, config.contracts());
      long chainId = config.contracts().chainId();
      IntentSender operator = new IntentSender(web3j, config.operator(), chainId);
      IntentSender devProver =
          config.devProver().getAddress().equalsIgnoreCase(config.operator().getAddress())
              ? operator
              : new IntentSender(web3j, config.devProver(), chainId);
      AccumulatorAppender appender =
          new AccumulatorAppender(
              reader, operator, config.mmrId(), config.mmrFirstBlock(), config.appendThreshold());
      AccumulatorIndex index =
          new AccumulatorIndex(
              rpc,
              Address.fromHex(config.contracts().headersAccumulator()),
              config.mmrId(),
              config.dataDir().resolve("accumulator-" + config.mmrId() + ".idx"));
      PipelineStages stages =
          new PipelineStages(
              reader,
              operator,
              new DevProver(reader, devProver),
              appender,
              () -> new RpcChainDataSource(rpc, index),
              new BatchFiles(config.dataDir()),
              config.scheduleHttpBatchesOnChain());
      Node node = Node.start(nodeConfig, decorate.apply(stages.handlers()), clock);
      node.addHealthCheck("chain", () -> "block " + reader.blockNumber());
      rpc.setListener(
          new JsonRpcClient.Listener() {
            @Override
            public void retried() {
              node.metrics().rpcRetry();
            }

            @Override
            public void failed(dev.hdp.preprocess.rpc.RpcException.Kind kind) {
              node.metrics().rpcError(kind.name());
            }
          });
      EventWatcher watcher =
          new EventWatcher(
              reader,
              node.chainEvents(),
              config.contracts().deployBlock(),
              config.confirmations(),
              config.maxBlocksPerPoll(),
              nodeConfig.nodeId() + "/watcher",
              node::plan);
      ScheduledExecutorService polling =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "hdp-" + nodeConfig.nodeId() + "-watcher");
                thread.setDaemon(true);
                return thread;
              });
      OperatorNode operatorNode =
          new OperatorNode(node, watcher, stages, polling, web3j, rpc, config);
      polling.scheduleWithFixedDelay(
          operatorNode::poll, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("operator node started: {}", config);
      LOG.warn(
          "UNPROVEN: this node proves with the dev prover (DevFactsRegistry {}): no proof stands"
              + " behind its facts",
          config.contracts().factsRegistry());
      return operatorNode;
    } catch (RuntimeException e) {
      web3j.shutdown();
      rpc.close();
      throw e;
    }
  }

  private void poll() {
    try {
      // Several windows in a row when the watcher is behind.
      for (int i = 0; i < 100; i++) {
        if (watcher.pollOnce().isEmpty()) {
          return;
        }
      }
    } catch (RuntimeException e) {
      if (polling.isShutdown()) {
        // close() interrupts a poll in flight; that is the stop, not a chain problem.
        LOG.debug("event watcher: poll cut short by the stop: {}", e.toString());
        return;
      }
      LOG.warn("event watcher: {}; trying again at the next poll", e.toString());
    }
  }

  public Node node() {
    return node;
  }

  public EventWatcher watcher() {
    return watcher;
  }

  public PipelineStages stages() {
    return stages;
  }

  public PipelineConfig config() {
    return config;
  }

  /** Stops the watcher, then the node (running jobs pause and resume at the next start). */
  @Override
  public void close() {
    polling.shutdownNow();
    try {
      polling.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    node.stop();
    web3j.shutdown();
    rpc.close();
  }

  /** For tests: dies as a killed process would (see {@link Node#simulateCrash}). */
  public void simulateCrash() {
    polling.shutdownNow();
    node.simulateCrash();
    web3j.shutdown();
    rpc.close();
  }
}
