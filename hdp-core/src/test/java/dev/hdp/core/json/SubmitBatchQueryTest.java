package dev.hdp.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.task.ChainId;
import dev.hdp.core.task.Computation;
import dev.hdp.core.task.DatalakeComputeTask;
import dev.hdp.core.task.ModuleTask;
import dev.hdp.core.task.Operator;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SubmitBatchQueryTest {
  /** A one-task request with the rest of the datalake range and the compute filled in. */
  private static String request(String datalakeExtra, String compute) {
    return """
        {"destinationChainId": "ETHEREUM_SEPOLIA", "tasks": [{"type": "DatalakeCompute",
          "datalake": {"type": "BlockSampled", "chainId": "ETHEREUM_SEPOLIA",
                       "blockRangeStart": 5858987, %s "sampledProperty": "header.base_fee_per_gas"},
          "compute": %s}]}
        """
        .formatted(datalakeExtra, compute);
  }

  private static final String RANGE = "\"blockRangeEnd\": 5858997, \"increment\": 1,";
  private static final String AVG = "{\"aggregateFnId\": \"avg\"}";

  @Test
  void aValidRequestParses() {
    var query = SubmitBatchQuery.parse(request(RANGE, AVG));
    assertEquals(ChainId.ETHEREUM_SEPOLIA, query.destinationChainId());
    var task = (DatalakeComputeTask) query.tasks().get(0);
    assertEquals(Computation.of(dev.hdp.core.task.AggregateFunction.AVG), task.computation());
  }

  @Test
  void errorsNameThePathAndTheReason() {
    assertError(
        "tasks[0].datalake.blockRangeEnd: must be >= blockRangeStart (5858987)",
        request("\"blockRangeEnd\": 5858986, \"increment\": 1,", AVG));
    assertError(
        "tasks[0].datalake.increment: must be > 0, got 0",
        request("\"blockRangeEnd\": 5858997, \"increment\": 0,", AVG));
    assertError(
        "tasks[0].datalake.colour: unknown property",
        request(RANGE + " \"colour\": \"red\",", AVG));
    assertError(
        "tasks[0].compute.aggregateFnCtx.operator: operator 'gt' is only allowed with count, not avg",
        request(
            RANGE,
            "{\"aggregateFnId\": \"avg\", \"aggregateFnCtx\": {\"operator\": \"gt\", \"valueToCompare\": \"5\"}}"));
    assertError(
        "tasks[0].compute.aggregateFnCtx.valueToCompare: must be a uint256",
        request(
            RANGE,
            "{\"aggregateFnId\": \"count\", \"aggregateFnCtx\": {\"operator\": \"gt\", \"valueToCompare\": \""
                + BigInteger.ONE.shiftLeft(256)
                + "\"}}"));
    assertError(
        "tasks[0].compute.aggregateFnCtx: count needs an operator and a valueToCompare",
        request(RANGE, "{\"aggregateFnId\": \"count\"}"));
    assertError(
        "tasks[0].compute.aggregateFnCtx.operator: count needs an operator other than none",
        request(
            RANGE,
            "{\"aggregateFnId\": \"count\", \"aggregateFnCtx\": {\"operator\": \"none\", \"valueToCompare\": \"0\"}}"));
    assertError(
        "tasks[0].compute.aggregateFnId: unknown aggregate function 'median'",
        request(RANGE, "{\"aggregateFnId\": \"median\"}"));
    assertError(
        "tasks[0].compute.aggregateFnCtx.operator: unknown operator 'le'",
        request(
            RANGE,
            "{\"aggregateFnId\": \"count\", \"aggregateFnCtx\": {\"operator\": \"le\", \"valueToCompare\": \"0\"}}"));
    assertError(
        "tasks[0].datalake.blockRangeEnd: must be a non-negative integer, got the number 5.5",
        request("\"blockRangeEnd\": 5.5, \"increment\": 1,", AVG));
    assertError(
        "tasks[0].datalake.blockRangeEnd: must be a non-negative integer, got the string",
        request("\"blockRangeEnd\": \"5858997\", \"increment\": 1,", AVG));
    assertError(
        "tasks[0].datalake.increment: must be in 0..",
        request("\"blockRangeEnd\": 5858997, \"increment\": -1,", AVG));
    assertError(
        "tasks[0].datalake.increment: is required", request("\"blockRangeEnd\": 5858997,", AVG));
    assertError(
        "tasks[0].datalake.blockRangeEnd: must not be null",
        request("\"blockRangeEnd\": null, \"increment\": 1,", AVG));
  }

  @Test
  void structuralErrorsAreReported() {
    assertError("(root): not valid JSON", "{\"destinationChainId\": ");
    assertError("(root): not valid JSON", request(RANGE, AVG) + " {}");
    assertError("(root): not valid JSON", "{\"tasks\": [], \"tasks\": []}");
    assertError("(root): must be an object, got an array", "[]");
    assertError(
        "tasks: must contain at least one task",
        "{\"destinationChainId\": \"ETHEREUM_SEPOLIA\", \"tasks\": []}");
    assertError(
        "destinationChainId: unknown chain 'ETHEREUM_GOERLI'",
        "{\"destinationChainId\": \"ETHEREUM_GOERLI\", \"tasks\": []}");
    assertError(
        "tasks[0].type: unknown task type 'Datalake'",
        "{\"destinationChainId\": 1, \"tasks\": [{\"type\": \"Datalake\"}]}");
    assertError(
        "tasks[0].datalake.sampledProperty: unknown header field 'base_fee'",
        request(RANGE, AVG).replace("base_fee_per_gas", "base_fee"));
  }

  @Test
  void transactionsDatalakeNeedsAllFourTypeFlags() {
    String json =
        """
        {"destinationChainId": 11155111, "tasks": [{"type": "DatalakeCompute",
          "datalake": {"type": "TransactionsInBlock", "chainId": 11155111, "targetBlock": 5,
            "startIndex": 3, "endIndex": %s, "increment": 1, "includedTypes": %s,
            "sampledProperty": "tx_receipt.success"},
          "compute": {"aggregateFnId": "COUNT", "aggregateFnCtx": {"operator": "lteq=", "valueToCompare": 0}}}]}
        """;
    String all = "{\"legacy\": true, \"eip2930\": true, \"eip1559\": true, \"eip4844\": true}";
    var query = SubmitBatchQuery.parse(json.formatted("10", all));
    var task = (DatalakeComputeTask) query.tasks().get(0);
    assertEquals(Computation.count(Operator.LTE, UInt256.ZERO), task.computation());
    assertTrue(query.toJson().contains("\"operator\": \"lteq\""), query.toJson());
    assertTrue(query.toJson().contains("\"chainId\": \"ETHEREUM_SEPOLIA\""), query.toJson());
    assertEquals(query, SubmitBatchQuery.parse(query.toJson()));
    assertError(
        "tasks[0].datalake.includedTypes: must include at least one type",
        json.formatted(
            "10",
            "{\"legacy\": false, \"eip2930\": false, \"eip1559\": false, \"eip4844\": false}"));
    assertError(
        "tasks[0].datalake.includedTypes.eip4844: is required",
        json.formatted("10", "{\"legacy\": true, \"eip2930\": true, \"eip1559\": true}"));
    assertError(
        "tasks[0].datalake.includedTypes.legacy: must be true or false, got the number 1",
        json.formatted(
            "10", "{\"legacy\": 1, \"eip2930\": true, \"eip1559\": true, \"eip4844\": true}"));
    assertError(
        "tasks[0].datalake.endIndex: must be > startIndex (3); the end is exclusive",
        json.formatted("3", all));
  }

  @Test
  void everyOperatorRoundTripsThroughJson() {
    for (Operator op : Operator.values()) {
      if (op == Operator.NONE) {
        continue;
      }
      String json =
          request(
              RANGE,
              "{\"aggregateFnId\": \"count\", \"aggregateFnCtx\": {\"operator\": \""
                  + op.symbol()
                  + "\", \"valueToCompare\": \"0x10\"}}");
      var query = SubmitBatchQuery.parse(json);
      assertEquals(query, SubmitBatchQuery.parse(query.toJson()));
      assertEquals(
          Computation.count(op, UInt256.of(16)),
          ((DatalakeComputeTask) query.tasks().get(0)).computation());
    }
  }

  @Test
  void moduleTasksParseAndCommitToPublicInputsOnly() {
    // hdp-vectors.md V10, hdp-test branch dev fixture 1.
    String json =
        """
        {"destinationChainId": "ETHEREUM_SEPOLIA", "tasks": [{"type": "Module",
          "programHash": "0x4062c355f0b70ab4ed6ce821ad04cbb3a6fa6b3d5bcc1a89bf49cc7ed5884e1",
          "inputs": [{"visibility": "public", "value": "0x5222A4"},
                     {"visibility": "public", "value": "0x13cb6ae34a13a0977f4d7101ebc24b87bb23f0d5"}]}]}
        """;
    var query = SubmitBatchQuery.parse(json);
    assertEquals(
        "0xecbdca7d408d6293d94bd8094297d103015160eafab59adfaa3b4b3e32b0aae5",
        query.tasks().get(0).commitment().toHex());
    assertEquals(query, SubmitBatchQuery.parse(query.toJson()));
    assertTrue(query.tasks().get(0) instanceof ModuleTask);
    assertError(
        "tasks[0].inputs[0].visibility: unknown visibility 'secret'",
        json.replaceFirst("\"public\"", "\"secret\""));
    assertError(
        "tasks[0].programHash: is not a field element",
        json.replace(
            "0x4062c355f0b70ab4ed6ce821ad04cbb3a6fa6b3d5bcc1a89bf49cc7ed5884e1",
            "0xf" + "0".repeat(63)));
  }

  private static void assertError(String expectedStart, String json) {
    var e = assertThrows(JsonFormatException.class, () -> SubmitBatchQuery.parse(json));
    assertTrue(
        e.getMessage().startsWith(expectedStart),
        () -> "expected '" + expectedStart + "…' but got '" + e.getMessage() + "'");
  }
}
