package dev.hdp.core.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.task.DatalakeComputeTask;
import dev.hdp.core.task.Task;
import java.util.List;

/**
 * The encodings and commitments of tasks as JSON ({@code hdp encode}): per task {@code
 * encodedDatalake}, {@code datalakeCommitment} (datalake tasks only), {@code encodedTask} and
 * {@code taskCommitment}, all {@code 0x} hex.
 */
public final class TaskEncodings {
  private TaskEncodings() {}

  /** A pretty-printed JSON array with one object per task, in order. */
  public static String toJson(List<Task> tasks) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (Task task : tasks) {
      ObjectNode node = array.addObject();
      if (task instanceof DatalakeComputeTask t) {
        node.put("encodedDatalake", Hex.encode(t.datalake().encode()));
        node.put("datalakeCommitment", t.datalake().commitment().toHex());
      }
      node.put("encodedTask", Hex.encode(task.encode()));
      node.put("taskCommitment", task.commitment().toHex());
    }
    return Json.pretty(array);
  }
}
