package dev.hdp.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.rlp.RlpDecoder;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the HDP value semantics of the decoded fields against HDP's own answers: the values read
 * from the verified proofs, aggregated as the request asks, give the {@code raw_results} of {@code
 * expected-batch.json}. (The aggregation here is a test oracle only; the real one lives elsewhere.)
 */
class FixtureValuesTest {
  static Stream<Path> folders() {
    return FixtureProofsTest.folders();
  }

  @ParameterizedTest(name = "folder {0}")
  @MethodSource("folders")
  void verifiedValuesReproduceHdpsResult(Path folder) throws IOException {
    Path expectedFile = folder.resolve("expected-batch.json");
    assumeTrue(Files.exists(expectedFile), "answer kept back for folder " + folder.getFileName());
    ObjectMapper json = new ObjectMapper();
    JsonNode task = json.readTree(folder.resolve("request.json").toFile()).get("tasks").get(0);
    BigInteger expected =
        new BigInteger(
            json.readTree(expectedFile.toFile()).get("raw_results").get(0).asText().substring(2),
            16);
    ChainDataFixture data = FixtureProofsTest.fixture(folder);
    JsonNode datalake = task.get("datalake");
    List<UInt256> values =
        datalake.get("type").asText().equals("BlockSampled")
            ? blockSampledValues(data, datalake)
            : transactionValues(data, datalake);
    assertEquals(expected, aggregate(task.get("compute").get("aggregateFnId").asText(), values));
  }

  private static List<UInt256> blockSampledValues(ChainDataFixture data, JsonNode datalake) {
    Map<Long, BlockHeader> headers = FixtureProofsTest.headersByNumber(data);
    String[] property = datalake.get("sampledProperty").asText().split("\\.");
    List<UInt256> values = new ArrayList<>();
    for (long block = datalake.get("blockRangeStart").asLong();
        block <= datalake.get("blockRangeEnd").asLong();
        block += datalake.get("increment").asLong()) {
      BlockHeader header = headers.get(block);
      switch (property[0]) {
        case "header" ->
            values.add(
                header
                    .value(HeaderField.valueOf(property[1].toUpperCase(Locale.ROOT)))
                    .orElseThrow());
        case "account" ->
            values.add(
                account(data, header, Address.fromHex(property[1]))
                    .value(AccountField.valueOf(property[2].toUpperCase(Locale.ROOT))));
        case "storage" -> {
          Address address = Address.fromHex(property[1]);
          Bytes32 slot = Bytes32.fromHex(property[2]);
          ChainDataFixture.StorageEntry entry =
              data.storages().stream()
                  .filter(s -> s.address().equals(address) && s.slot().equals(slot))
                  .findFirst()
                  .orElseThrow();
          long number = block;
          List<byte[]> proof =
              entry.proofs().stream()
                  .filter(p -> p.blockNumber() == number)
                  .findFirst()
                  .orElseThrow()
                  .proof();
          values.add(
              ChainProofs.verifyStorage(account(data, header, address).storageRoot(), slot, proof)
                  .value());
        }
        default -> throw new AssertionError(property[0]);
      }
    }
    return values;
  }

  private static Account account(ChainDataFixture data, BlockHeader header, Address address) {
    ChainDataFixture.AccountEntry entry =
        data.accounts().stream().filter(a -> a.address().equals(address)).findFirst().orElseThrow();
    List<byte[]> proof =
        entry.proofs().stream()
            .filter(p -> p.blockNumber() == header.number())
            .findFirst()
            .orElseThrow()
            .proof();
    return ChainProofs.verifyAccount(header, address, proof).value().orElseThrow();
  }

  private static List<UInt256> transactionValues(ChainDataFixture data, JsonNode datalake) {
    long target = datalake.get("targetBlock").asLong();
    BlockHeader header = FixtureProofsTest.headersByNumber(data).get(target);
    Map<Long, List<byte[]>> proofs = new HashMap<>();
    for (ChainDataFixture.TrieEntry t : data.transactions()) {
      if (t.blockNumber() == target) {
        proofs.put(RlpDecoder.decode(t.key()).asString().asLong(), t.proof());
      }
    }
    JsonNode included = datalake.get("includedTypes");
    boolean[] include = {
      included.get("legacy").asBoolean(),
      included.get("eip2930").asBoolean(),
      included.get("eip1559").asBoolean(),
      included.get("eip4844").asBoolean()
    };
    String[] property = datalake.get("sampledProperty").asText().split("\\.");
    TransactionField field = TransactionField.valueOf(property[1].toUpperCase(Locale.ROOT));
    List<UInt256> values = new ArrayList<>();
    for (long i = datalake.get("startIndex").asLong();
        i < datalake.get("endIndex").asLong();
        i += datalake.get("increment").asLong()) {
      Transaction tx =
          ChainProofs.verifyTransaction(header, i, proofs.get(i)).value().orElseThrow();
      if (include[tx.type().id()]) {
        values.add(tx.value(field).orElseThrow());
      }
    }
    return values;
  }

  private static BigInteger aggregate(String function, List<UInt256> values) {
    List<BigInteger> v = values.stream().map(UInt256::value).toList();
    BigInteger sum = v.stream().reduce(BigInteger.ZERO, BigInteger::add);
    return switch (function) {
      case "sum" -> sum;
      case "min" -> v.stream().min(BigInteger::compareTo).orElseThrow();
      case "max" -> v.stream().max(BigInteger::compareTo).orElseThrow();
      case "avg" -> {
        BigInteger[] qr = sum.divideAndRemainder(BigInteger.valueOf(v.size()));
        yield qr[1].shiftLeft(1).compareTo(BigInteger.valueOf(v.size())) >= 0
            ? qr[0].add(BigInteger.ONE)
            : qr[0];
      }
      default -> throw new AssertionError(function);
    };
  }
}
