package dev.hdp.watcher.cli;

import com.zaxxer.hikari.pool.HikariPool;
import dev.hdp.preprocess.source.ChainDataException;
import dev.hdp.watcher.node.NodeStartException;
import dev.hdp.watcher.node.OperatorNode;
import dev.hdp.watcher.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hdp node}: runs the operator node until it is stopped (Ctrl-C, SIGTERM). */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the operator node: watches request events, preprocesses, proves (dev prover:"
          + " UNPROVEN), checks facts on a schedule, finalizes, and appends to the accumulator.",
      "The config file (properties, or a flat JSON object) holds hdp.chain.rpc,"
          + " hdp.chain.contracts, hdp.data.dir, hdp.keys.operator, hdp.keys.devProver (0x… or"
          + " env:NAME), hdp.watch.confirmations, hdp.watch.pollInterval, hdp.db.path,"
          + " hdp.schedule.factCheckCron and the other hdp.node/hdp.schedule settings."
    })
final class NodeCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "Config file.")
  Path config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    OperatorNode.Settings settings;
    try {
      settings = OperatorNode.load(config);
    } catch (IllegalArgumentException | java.io.IOException e) {
      err.println("error: " + config + ": " + e.getMessage());
      return 2;
    }
    OperatorNode node;
    try {
      node = OperatorNode.start(settings.node(), settings.pipeline(), Clock.systemUTC());
    } catch (NodeStartException | ChainDataException | StoreException e) {
      // Another node holding this node's locks, the chain or the database out of reach: the
      // operator's to fix, so one line naming it rather than a stack trace.
      err.println("error: the node did not start: " + e.getMessage());
      return 1;
    } catch (HikariPool.PoolInitializationException e) {
      err.println("error: the node did not start: cannot open the database: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "hdp-node-stop"));
    err.println(
        "node running; Ctrl-C stops it (status: hdp status --jdbc-url '"
            + settings.node().jdbcUrl()
            + "' --db-user "
            + settings.node().dbUser()
            + ")");
    stopped.await();
    return 0;
  }
}
