package dev.hdp.watcher.cli;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.watcher.chain.TaskRequester;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hdp request}: sends the tasks of a request on-chain, one transaction per task. */
@Command(
    name = "request",
    mixinStandardHelpOptions = true,
    description =
        "Requests the tasks of a SubmitBatchQuery on-chain"
            + " (requestExecutionOfTaskWith…Datalake) and prints each commitment and transaction.")
final class RequestCommand implements Callable<Integer> {
  @Option(names = "--rpc", required = true, description = "JSON-RPC URL of the chain")
  String rpc;

  @Option(
      names = "--contracts",
      defaultValue = "data/contracts.json",
      description = "Addresses file written by hdp deploy (default: ${DEFAULT-VALUE})")
  Path contracts;

  @Option(
      names = "--request",
      required = true,
      paramLabel = "FILE",
      description = "SubmitBatchQuery JSON")
  Path request;

  @Option(
      names = "--private-key",
      description = "Requester key (0x…); default: env HDP_PRIVATE_KEY")
  String privateKey;

  @Override
  public Integer call() throws Exception {
    String key = privateKey != null ? privateKey : System.getenv("HDP_PRIVATE_KEY");
    if (key == null || key.isBlank()) {
      System.err.println("error: give --private-key or set HDP_PRIVATE_KEY");
      return 2;
    }
    SubmitBatchQuery query;
    DeployedContracts deployed;
    try {
      query = SubmitBatchQuery.parse(CliSupport.read(request, "request"));
      deployed = DeployedContracts.read(contracts);
    } catch (IllegalArgumentException | java.io.IOException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    Web3j web3j = Web3j.build(new HttpService(rpc));
    try {
      List<TaskRequester.Sent> sent =
          new TaskRequester(web3j, deployed, Credentials.create(key.strip()))
              .request(query.tasks());
      System.out.printf("%-4s %-66s %-66s %s%n", "task", "commitment", "transaction", "block");
      for (int i = 0; i < sent.size(); i++) {
        TaskRequester.Sent s = sent.get(i);
        System.out.printf("%-4d %-66s %-66s %d%n", i, s.commitment(), s.txHash(), s.block());
      }
      return 0;
    } finally {
      web3j.shutdown();
    }
  }
}
