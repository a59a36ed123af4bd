package dev.hdp.watcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.contracts.generated.HdpExecutionStore;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.task.ChainId;
import dev.hdp.core.task.Task;
import dev.hdp.fixtures.devchain.AnvilProcess;
import dev.hdp.watcher.chain.ContractReader;
import dev.hdp.watcher.demo.Demo;
import dev.hdp.watcher.demo.DevChainScenario;
import dev.hdp.watcher.node.OperatorNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The full life of a batch posted over HTTP on Anvil: POST → the real pipeline (online
 * preprocessing, dev prover, fact check, finalization) → FINALIZED in the status → the same result
 * read from {@code HdpExecutionStore} on-chain. Without {@code hdp.chain.scheduleHttpBatches} the
 * tasks are never requested on-chain; with it the node requests each once before preprocessing (the
 * contract emits the events) and its own watcher leaves them to the posted batch.
 */
@Tag("anvil")
class ServerPipelineIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "scheduled on-chain by the node: {0}")
  @ValueSource(booleans = {false, true})
  void postedBatchIsFinalizedAndItsResultsAreReadOnChain(
      boolean scheduleOnChain, @TempDir Path data) throws Exception {
    try (AnvilProcess anvil = AnvilProcess.start(new AnvilProcess.Options(1000, 10, 0))) {
      DevChainScenario scenario = new DevChainScenario(anvil.rpcUrl(), anvil.privateKeys());
      try {
        DeployedContracts contracts = scenario.deploy();
        scenario.mineHistory(30);
        List<DevChainScenario.ScenarioTask> tasks = scenario.tasks();
        try (OperatorNode node =
            OperatorNode.start(
                Demo.fastNodeConfig(data.resolve("node"), "it")
                    .withServer(Optional.of(ServerConfig.loopback(0))),
                Demo.fastPipelineConfig(anvil.rpcUrl(), contracts, data, scenario)
                    .withScheduleHttpBatchesOnChain(scheduleOnChain),
                Clock.systemUTC())) {
          URI base = node.node().serverUri().orElseThrow();
          HttpClient http = HttpClient.newHttpClient();
          String body =
              new SubmitBatchQuery(
                      new ChainId(BigInteger.valueOf(contracts.chainId())),
                      tasks.stream().map(DevChainScenario.ScenarioTask::task).toList())
                  .toJson();
          HttpResponse<String> posted =
              http.send(
                  HttpRequest.newBuilder(base.resolve("/v1/batches"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertEquals(202, posted.statusCode(), posted.body());
          String statusUrl = JSON.readTree(posted.body()).get("statusUrl").asText();

          JsonNode batch = null;
          long deadline = System.nanoTime() + 120_000_000_000L;
          while (System.nanoTime() < deadline) {
            batch =
                JSON.readTree(
                    http.send(
                            HttpRequest.newBuilder(base.resolve(statusUrl)).GET().build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body());
            String stage = batch.get("stage").asText();
            if (stage.equals("FINALIZED") || stage.equals("FAILED")) {
              break;
            }
            Thread.sleep(100);
          }
          assertNotNull(batch);
          assertEquals("FINALIZED", batch.get("stage").asText(), batch.toPrettyString());
          assertEquals("dev UNPROVEN", batch.get("prover").asText());

          ContractReader reader = new ContractReader(scenario.web3j(), contracts);
          for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i).task();
            JsonNode view = batch.get("tasks").get(i);
            assertEquals(task.commitment().toHex(), view.get("commitment").asText());
            Bytes32 onChain = reader.finalizedResult(task.commitment()).orElseThrow();
            assertEquals(tasks.get(i).expected().toBytes32(), onChain, tasks.get(i).description());
            assertEquals(onChain.toHex(), view.get("result").asText());
          }
          List<Log> scheduled = scheduledEvents(scenario.web3j(), contracts.hdpExecutionStore());
          assertEquals(scheduleOnChain ? tasks.size() : 0, scheduled.size(), "scheduled events");
          JsonNode listed =
              JSON.readTree(
                  http.send(
                          HttpRequest.newBuilder(base.resolve("/v1/batches")).GET().build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body());
          assertEquals(1, listed.get("batches").size(), "one batch: " + listed);
          HttpResponse<String> artifacts =
              http.send(
                  HttpRequest.newBuilder(base.resolve(statusUrl + "/artifacts/cairo-input"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertEquals(200, artifacts.statusCode());
          assertTrue(artifacts.body().contains("\"tasks\""), artifacts.body().substring(0, 200));
          HttpResponse<String> health =
              http.send(
                  HttpRequest.newBuilder(base.resolve("/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
          assertEquals(200, health.statusCode(), health.body());
          assertTrue(JSON.readTree(health.body()).get("checks").has("chain"), health.body());
        }
      } finally {
        scenario.close();
      }
    }
  }

  /** Every TaskWith…DatalakeScheduled log of the store. */
  private static List<Log> scheduledEvents(Web3j web3j, String store) throws Exception {
    EthFilter filter =
        new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, store);
    filter.addOptionalTopics(
        EventEncoder.encode(HdpExecutionStore.TASKWITHBLOCKSAMPLEDDATALAKESCHEDULED_EVENT),
        EventEncoder.encode(HdpExecutionStore.TASKWITHTRANSACTIONSINBLOCKDATALAKESCHEDULED_EVENT));
    return web3j.ethGetLogs(filter).send().getLogs().stream()
        .map(result -> (Log) result.get())
        .toList();
  }
}
