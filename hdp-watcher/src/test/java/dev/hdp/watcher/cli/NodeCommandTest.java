package dev.hdp.watcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.hdp.watcher.node.NodeTestFiles;
import dev.hdp.watcher.node.OperatorNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hdp node} as an operator meets it: a refused start is one line naming why. */
class NodeCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine command = HdpMain.commandLine();
    command.setOut(new PrintWriter(new StringWriter(), true));
    command.setErr(new PrintWriter(err, true));
    return new Run(command.execute(args), err.toString());
  }

  /**
   * A JSON-RPC endpoint that answers every call, single or batched, with chain id 31337: enough for
   * a node to start (it reads the chain id first); what its watcher asks later fails quietly.
   */
  private static HttpServer chainIdOnly() throws Exception {
    ObjectMapper json = new ObjectMapper();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          JsonNode request = json.readTree(exchange.getRequestBody());
          ArrayNode answers = json.createArrayNode();
          for (JsonNode call : request.isArray() ? request : List.of(request)) {
            answers.addObject().put("jsonrpc", "2.0").set("id", call.get("id"));
            ((ObjectNode) answers.get(answers.size() - 1)).put("result", "0x7a69");
          }
          byte[] body = json.writeValueAsBytes(request.isArray() ? answers : answers.get(0));
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  private Path config(String nodeId, String rpc) throws Exception {
    NodeTestFiles.writeAnvilContracts(dir.resolve("contracts.json"));
    Path file = dir.resolve(nodeId + ".properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "hdp.chain.rpc=" + rpc,
            "hdp.chain.contracts=contracts.json",
            "hdp.data.dir=files",
            "hdp.db.path=db/node",
            "hdp.keys.operator=" + NodeTestFiles.OPERATOR_KEY,
            "hdp.keys.devProver=" + NodeTestFiles.PROVER_KEY,
            "hdp.node.id=" + nodeId));
    return file;
  }

  @Test
  void aSecondNodeOnTheSameDatabaseIsRefusedInOneLineWithoutAStackTrace() throws Exception {
    HttpServer rpc = chainIdOnly();
    Path config = config("op-1", "http://127.0.0.1:" + rpc.getAddress().getPort());
    OperatorNode.Settings settings = OperatorNode.load(config);
    OperatorNode first =
        OperatorNode.start(settings.node(), settings.pipeline(), Clock.systemUTC());
    try {
      Run second = run("node", "--config", config.toString());
      assertEquals(1, second.exit(), second.err());
      assertTrue(
          second.err().startsWith("error: the node did not start: another running node holds '"),
          second.err());
      assertEquals(1, second.err().strip().lines().count(), "one line: " + second.err());
    } finally {
      first.close();
      rpc.stop(0);
    }
  }

  @Test
  void aChainOutOfReachIsNamedInOneLine() throws Exception {
    // Nothing listens on the discard port.
    Run run = run("node", "--config", config("op-2", "http://127.0.0.1:9").toString());
    assertEquals(1, run.exit(), run.err());
    assertTrue(
        run.err()
            .startsWith(
                "error: the node did not start: cannot read the chain id of http://127.0.0.1:9"),
        run.err());
    assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
  }

  @Test
  void aBadConfigFileIsNamed() throws Exception {
    Path file = dir.resolve("node.properties");
    Files.writeString(file, "hdp.chain.rpc=http://127.0.0.1:9\n");
    Run run = run("node", "--config", file.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().startsWith("error: " + file + ": "), run.err());
  }
}
