package dev.hdp.contracts.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the contracts of one deployment live: the file {@code hdp deploy} writes and the node
 * reads.
 *
 * @param chainId the chain they are deployed on
 * @param hdpExecutionStore address of {@code HdpExecutionStore}
 * @param headersAccumulator address of {@code HeadersAccumulator}
 * @param factsRegistry address of the facts registry the store checks
 * @param factsRegistryUnproven true when that registry is {@code DevFactsRegistry}: facts marked
 *     valid by a key, with no proof behind them
 * @param programHash the HDP program hash the store was deployed with (0x + 64 hex)
 * @param deployBlock the block of the last deployment transaction (where log scans can start)
 */
public record DeployedContracts(
    long chainId,
    String hdpExecutionStore,
    String headersAccumulator,
    String factsRegistry,
    boolean factsRegistryUnproven,
    String programHash,
    long deployBlock) {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  public DeployedContracts {
    requireAddress("hdpExecutionStore", hdpExecutionStore);
    requireAddress("headersAccumulator", headersAccumulator);
    requireAddress("factsRegistry", factsRegistry);
    if (programHash == null || !HASH.matcher(programHash).matches()) {
      throw new IllegalArgumentException("programHash must be 0x + 64 hex digits: " + programHash);
    }
    if (chainId <= 0) throw new IllegalArgumentException("chainId must be positive: " + chainId);
    if (deployBlock < 0) throw new IllegalArgumentException("deployBlock is negative");
  }

  private static void requireAddress(String field, String value) {
    if (value == null || !ADDRESS.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must be 0x + 40 hex digits: " + value);
    }
  }

  /** Writes this deployment as JSON, creating the parent folder. */
  public void write(Path file) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("chainId", chainId);
    node.put("hdpExecutionStore", hdpExecutionStore);
    node.put("headersAccumulator", headersAccumulator);
    node.put("factsRegistry", factsRegistry);
    node.put("factsRegistryUnproven", factsRegistryUnproven);
    if (factsRegistryUnproven) {
      node.put("warning", "DevFactsRegistry: facts are marked valid by a key, with no proof");
    }
    node.put("programHash", programHash);
    node.put("deployBlock", deployBlock);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
  }

  /** Reads a file written by {@link #write}; a missing or malformed field names itself. */
  public static DeployedContracts read(Path file) throws IOException {
    JsonNode node = JSON.readTree(file.toFile());
    return new DeployedContracts(
        required(node, "chainId").asLong(),
        required(node, "hdpExecutionStore").asText(),
        required(node, "headersAccumulator").asText(),
        required(node, "factsRegistry").asText(),
        required(node, "factsRegistryUnproven").asBoolean(),
        required(node, "programHash").asText(),
        required(node, "deployBlock").asLong());
  }

  private static JsonNode required(JsonNode node, String field) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) throw new IOException("missing field '" + field + "'");
    return value;
  }
}
