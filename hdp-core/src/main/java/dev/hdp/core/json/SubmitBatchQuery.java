package dev.hdp.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.task.AggregateFunction;
import dev.hdp.core.task.BlockSampledDatalake;
import dev.hdp.core.task.BlockSampledProperty;
import dev.hdp.core.task.ChainId;
import dev.hdp.core.task.Computation;
import dev.hdp.core.task.Datalake;
import dev.hdp.core.task.DatalakeComputeTask;
import dev.hdp.core.task.IncludedTypes;
import dev.hdp.core.task.ModuleTask;
import dev.hdp.core.task.Operator;
import dev.hdp.core.task.Task;
import dev.hdp.core.task.TaskValidationException;
import dev.hdp.core.task.TransactionsInBlockDatalake;
import dev.hdp.core.task.TransactionsProperty;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * HDP's {@code SubmitBatchQuery}: the chain the results are for and the tasks (hdp.md §8).
 *
 * <p>Accepted on input beyond what HDP prints: {@code chainId} as a name or a number, {@code
 * aggregateFnId} and operators in any letter case, and HDP's {@code "lteq="}.
 */
public record SubmitBatchQuery(ChainId destinationChainId, List<Task> tasks) {
  /** Stark field prime 2^251 + 17·2^192 + 1: module hashes and inputs are felts. */
  private static final BigInteger STARK_PRIME =
      BigInteger.ONE.shiftLeft(251).add(BigInteger.valueOf(17).shiftLeft(192)).add(BigInteger.ONE);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public SubmitBatchQuery {
    if (destinationChainId == null) {
      throw new IllegalArgumentException("destinationChainId is missing");
    }
    tasks = List.copyOf(tasks);
  }

  /**
   * Parses and validates a request.
   *
   * @throws JsonFormatException naming the JSON path and the reason
   */
  public static SubmitBatchQuery parse(String json) {
    JsonObject root = new JsonObject(Json.read(json), "");
    ChainId destination = chainId(root.required("destinationChainId"), "destinationChainId");
    List<JsonNode> items = root.array("tasks");
    root.finish();
    if (items.isEmpty()) {
      throw new JsonFormatException("tasks", "must contain at least one task");
    }
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      tasks.add(task(new JsonObject(items.get(i), "tasks[" + i + "]")));
    }
    return new SubmitBatchQuery(destination, tasks);
  }

  /** The request in HDP's shape, pretty-printed as serde would. */
  public String toJson() {
    ObjectNode root = NODES.objectNode();
    root.set("destinationChainId", chainIdNode(destinationChainId));
    ArrayNode array = root.putArray("tasks");
    for (Task task : tasks) {
      array.add(taskNode(task));
    }
    return Json.pretty(root);
  }

  private static Task task(JsonObject json) {
    String type = json.string("type");
    return switch (type) {
      case "DatalakeCompute" -> {
        Datalake datalake = datalake(json.object("datalake"));
        Computation computation = computation(json.object("compute"));
        json.finish();
        yield new DatalakeComputeTask(datalake, computation);
      }
      case "Module" -> {
        Task module = module(json);
        json.finish();
        yield module;
      }
      default ->
          throw new JsonFormatException(
              json.path("type"), "unknown task type '" + type + "' (DatalakeCompute or Module)");
    };
  }

  private static Datalake datalake(JsonObject json) {
    String type = json.string("type");
    ChainId chain = chainId(json.required("chainId"), json.path("chainId"));
    Datalake datalake =
        switch (type) {
          case "BlockSampled" -> {
            long start = json.nonNegativeLong("blockRangeStart");
            long end = json.nonNegativeLong("blockRangeEnd");
            long increment = json.nonNegativeLong("increment");
            String property = json.string("sampledProperty");
            yield validated(
                json,
                () ->
                    new BlockSampledDatalake(
                        chain, start, end, increment, BlockSampledProperty.parse(property)));
          }
          case "TransactionsInBlock" -> {
            long target = json.nonNegativeLong("targetBlock");
            long start = json.nonNegativeLong("startIndex");
            long end = json.nonNegativeLong("endIndex");
            long increment = json.nonNegativeLong("increment");
            IncludedTypes types = includedTypes(json.object("includedTypes"));
            String property = json.string("sampledProperty");
            yield validated(
                json,
                () ->
                    new TransactionsInBlockDatalake(
                        chain,
                        target,
                        start,
                        end,
                        increment,
                        types,
                        TransactionsProperty.parse(property)));
          }
          default ->
              throw new JsonFormatException(
                  json.path("type"),
                  "unknown datalake type '" + type + "' (BlockSampled or TransactionsInBlock)");
        };
    json.finish();
    return datalake;
  }

  private static IncludedTypes includedTypes(JsonObject json) {
    boolean legacy = json.bool("legacy");
    boolean eip2930 = json.bool("eip2930");
    boolean eip1559 = json.bool("eip1559");
    boolean eip4844 = json.bool("eip4844");
    json.finish();
    try {
      return new IncludedTypes(legacy, eip2930, eip1559, eip4844);
    } catch (TaskValidationException e) {
      throw new JsonFormatException(json.path(), e.reason());
    }
  }

  private static Computation computation(JsonObject json) {
    String fnText = json.string("aggregateFnId");
    AggregateFunction fn = validated(json, () -> AggregateFunction.parse(fnText));
    Operator operator = Operator.NONE;
    UInt256 value = UInt256.ZERO;
    JsonObject ctx = null;
    if (json.has("aggregateFnCtx")) {
      ctx = json.object("aggregateFnCtx");
      String opText = ctx.string("operator");
      operator = validated(ctx, () -> Operator.parse(opText));
      value = uint256(ctx.required("valueToCompare"), ctx.path("valueToCompare"));
      ctx.finish();
    }
    json.finish();
    if (ctx == null && fn == AggregateFunction.COUNT) {
      throw new JsonFormatException(
          json.path("aggregateFnCtx"), "count needs an operator and a valueToCompare");
    }
    Operator op = operator;
    UInt256 v = value;
    return validated(ctx == null ? json : ctx, () -> new Computation(fn, op, v));
  }

  private static Task module(JsonObject json) {
    Bytes32 programHash = felt(json.required("programHash"), json.path("programHash"));
    List<JsonNode> items = json.array("inputs");
    List<ModuleTask.Input> inputs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject input = new JsonObject(items.get(i), json.path("inputs") + "[" + i + "]");
      String visibility = input.string("visibility");
      ModuleTask.Visibility v =
          switch (visibility) {
            case "public" -> ModuleTask.Visibility.PUBLIC;
            case "private" -> ModuleTask.Visibility.PRIVATE;
            default ->
                throw new JsonFormatException(
                    input.path("visibility"),
                    "unknown visibility '" + visibility + "' (public or private)");
          };
      inputs.add(new ModuleTask.Input(v, felt(input.required("value"), input.path("value"))));
      input.finish();
    }
    return new ModuleTask(programHash, inputs);
  }

  /** Runs a constructor or parser, putting the JSON path in front of a field it rejects. */
  private static <T> T validated(JsonObject json, Supplier<T> build) {
    try {
      return build.get();
    } catch (TaskValidationException e) {
      throw new JsonFormatException(json.path(e.field()), e.reason());
    }
  }

  private static ChainId chainId(JsonNode node, String path) {
    try {
      if (node.isIntegralNumber()) {
        return new ChainId(node.bigIntegerValue());
      }
      if (node.isTextual()) {
        return ChainId.parse(node.textValue());
      }
    } catch (TaskValidationException e) {
      throw new JsonFormatException(path, e.reason());
    }
    throw new JsonFormatException(
        path, "must be a chain name or a number, got " + JsonObject.kind(node));
  }

  /** A uint256 as a decimal or {@code 0x} string, or a JSON integer. */
  private static UInt256 uint256(JsonNode node, String path) {
    try {
      if (node.isIntegralNumber()) {
        return UInt256.of(node.bigIntegerValue());
      }
      if (node.isTextual()) {
        return UInt256.parse(node.textValue());
      }
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path, "must be a uint256 (0 .. 2^256 - 1): " + e.getMessage());
    }
    throw new JsonFormatException(
        path, "must be a uint256 as a decimal string, got " + JsonObject.kind(node));
  }

  private static Bytes32 felt(JsonNode node, String path) {
    Bytes32 value = JsonObject.hexWord(node, path);
    if (value.toBigInteger().compareTo(STARK_PRIME) >= 0) {
      throw new JsonFormatException(path, "is not a field element (>= the Stark prime)");
    }
    return value;
  }

  private static JsonNode chainIdNode(ChainId chainId) {
    return chainId
        .name()
        .<JsonNode>map(NODES::textNode)
        .orElseGet(() -> NODES.numberNode(chainId.value()));
  }

  private static ObjectNode taskNode(Task task) {
    ObjectNode node = NODES.objectNode();
    switch (task) {
      case DatalakeComputeTask t -> {
        node.put("type", "DatalakeCompute");
        node.set("datalake", datalakeNode(t.datalake()));
        node.set("compute", computeNode(t.computation()));
      }
      case ModuleTask m -> {
        node.put("type", "Module");
        node.put("programHash", Json.minimalHex(m.programHash().toBigInteger()));
        ArrayNode inputs = node.putArray("inputs");
        for (ModuleTask.Input input : m.inputs()) {
          ObjectNode i = inputs.addObject();
          i.put("visibility", input.visibility().name().toLowerCase(Locale.ROOT));
          i.put("value", Json.minimalHex(input.value().toBigInteger()));
        }
      }
    }
    return node;
  }

  private static ObjectNode datalakeNode(Datalake datalake) {
    ObjectNode node = NODES.objectNode();
    node.put("type", datalake.type().jsonName());
    node.set("chainId", chainIdNode(datalake.chainId()));
    switch (datalake) {
      case BlockSampledDatalake d -> {
        node.put("blockRangeStart", d.blockRangeStart());
        node.put("blockRangeEnd", d.blockRangeEnd());
        node.put("increment", d.increment());
        node.put("sampledProperty", d.sampledProperty().text());
      }
      case TransactionsInBlockDatalake d -> {
        node.put("targetBlock", d.targetBlock());
        node.put("startIndex", d.startIndex());
        node.put("endIndex", d.endIndex());
        node.put("increment", d.increment());
        ObjectNode types = node.putObject("includedTypes");
        types.put("legacy", d.includedTypes().legacy());
        types.put("eip2930", d.includedTypes().eip2930());
        types.put("eip1559", d.includedTypes().eip1559());
        types.put("eip4844", d.includedTypes().eip4844());
        node.put("sampledProperty", d.sampledProperty().text());
      }
    }
    return node;
  }

  private static ObjectNode computeNode(Computation computation) {
    ObjectNode node = NODES.objectNode();
    node.put("aggregateFnId", computation.aggregateFunction().jsonName());
    if (computation.aggregateFunction() == AggregateFunction.COUNT) {
      ObjectNode ctx = node.putObject("aggregateFnCtx");
      ctx.put("operator", computation.operator().symbol());
      ctx.put("valueToCompare", computation.valueToCompare().toString());
    }
    return node;
  }
}
