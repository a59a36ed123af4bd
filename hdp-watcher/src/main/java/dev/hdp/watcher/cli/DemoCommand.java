package dev.hdp.watcher.cli;

import dev.hdp.watcher.demo.Demo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hdp demo}: the whole pipeline on a throw-away Anvil. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts Anvil, deploys the contracts, mines history (transfers, storage writes, legacy,"
          + " EIP-2930 and EIP-1559 transactions), requests header, account, storage, transaction"
          + " and receipt tasks on-chain, runs the operator node until every task is finalized,"
          + " and prints each on-chain result next to an independent recomputation from plain"
          + " RPC reads. Exits 0 only when all of them agree.",
      "Facts are marked valid by the dev prover with NO PROOF (UNPROVEN)."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Keep the node's database and batch files here (default: a temporary folder).")
  Path data;

  @Option(
      names = "--serve",
      arity = "0..1",
      fallbackValue = "8547",
      paramLabel = "PORT",
      description =
          "After the report, keep Anvil and the node running with the request server on"
              + " 127.0.0.1:PORT (default 8547) until Ctrl-C, for the README's curl examples.")
  Integer serve;

  @Override
  public Integer call() throws IOException {
    Path dir = data != null ? data : Files.createTempDirectory("hdp-demo");
    Files.createDirectories(dir);
    int code = new Demo(System.out, java.util.Optional.ofNullable(serve)).run(dir);
    System.out.println("data in " + dir.toAbsolutePath());
    return code;
  }
}
