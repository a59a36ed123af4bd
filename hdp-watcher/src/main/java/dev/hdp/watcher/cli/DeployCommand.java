package dev.hdp.watcher.cli;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.contracts.deploy.Deployer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hdp deploy}: the development contracts on a chain, their addresses in a file. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Deploys DevFactsRegistry, HeadersAccumulator and HdpExecutionStore and writes their"
          + " addresses to a file the node reads.",
      "DevFactsRegistry accepts facts marked valid by the dev-prover key WITHOUT ANY PROOF:"
          + " for development chains only."
    })
public final class DeployCommand implements Callable<Integer> {
  @Option(names = "--rpc", required = true, description = "JSON-RPC URL of the chain")
  String rpc;

  @Option(
      names = "--private-key",
      description =
          "Deployer key (0x…); default: env HDP_PRIVATE_KEY, else the node's first unlocked"
              + " account (Anvil)")
  String privateKey;

  @Option(names = "--admin", description = "Admin address (default: the deployer)")
  String admin;

  @Option(names = "--operator", description = "Operator address (default: the deployer)")
  String operator;

  @Option(names = "--dev-prover", description = "Dev-prover address (default: the deployer)")
  String devProver;

  @Option(
      names = "--program-hash",
      description = "HDP program hash to accept (default: zero; rotate later with setProgramHash)",
      defaultValue = "0x0")
  String programHash;

  @Option(
      names = {"-o", "--out"},
      description = "Addresses file to write (default: ${DEFAULT-VALUE})",
      defaultValue = "data/contracts.json")
  Path out;

  @Override
  public Integer call() throws Exception {
    Web3j web3j = Web3j.build(new HttpService(rpc));
    try {
      String key = privateKey != null ? privateKey : System.getenv("HDP_PRIVATE_KEY");
      String deployer;
      TransactionManager transactions;
      if (key != null && !key.isBlank()) {
        Credentials credentials = Credentials.create(key.strip());
        deployer = credentials.getAddress();
        transactions = Deployer.transactionManager(web3j, credentials);
      } else {
        List<String> accounts = web3j.ethAccounts().send().getAccounts();
        if (accounts.isEmpty()) {
          System.err.println(
              "error: no --private-key given and the node holds no unlocked account");
          return 2;
        }
        deployer = accounts.get(0);
        transactions = Deployer.unlockedAccount(web3j, deployer);
      }
      byte[] hash = Numeric.toBytesPadded(Numeric.toBigInt(programHash), 32);
      var roles =
          new Deployer.Roles(
              admin != null ? admin : deployer,
              operator != null ? operator : deployer,
              devProver != null ? devProver : deployer,
              hash);
      DeployedContracts deployed = Deployer.deployDevelopment(web3j, transactions, roles);
      deployed.write(out);
      System.out.println("chain id            " + deployed.chainId());
      System.out.println("HdpExecutionStore   " + deployed.hdpExecutionStore());
      System.out.println("HeadersAccumulator  " + deployed.headersAccumulator());
      System.out.println(
          "DevFactsRegistry    " + deployed.factsRegistry() + "  (UNPROVEN facts: no proof)");
      System.out.println("program hash        " + deployed.programHash());
      System.out.println("addresses written to " + out.toAbsolutePath());
      return 0;
    } finally {
      web3j.shutdown();
    }
  }
}
