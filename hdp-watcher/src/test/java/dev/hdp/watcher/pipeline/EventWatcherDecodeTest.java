package dev.hdp.watcher.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hdp.contracts.generated.HdpExecutionStore;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.task.DatalakeComputeTask;
import dev.hdp.core.task.TransactionsInBlockDatalake;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The watcher decodes request events with the generated wrapper and rebuilds the task with
 * hdp-core: the rebuilt task must be the one requested (same commitment), for both datalakes.
 */
class EventWatcherDecodeTest {
  private static DatalakeComputeTask task(String datalake, String compute) {
    String json =
        "{\"destinationChainId\": 31337, \"tasks\": [{\"type\": \"DatalakeCompute\","
            + " \"datalake\": "
            + datalake
            + ", \"compute\": "
            + compute
            + "}]}";
    return (DatalakeComputeTask) SubmitBatchQuery.parse(json).tasks().getFirst();
  }

  @SuppressWarnings("rawtypes") // web3j's encodeConstructor takes a raw List<Type>
  private static Log log(String topic, List<Type> values) {
    Log log = new Log();
    log.setTopics(List.of(topic));
    log.setData("0x" + FunctionEncoder.encodeConstructor(values));
    return log;
  }

  private static HdpExecutionStore.ComputationalTask compute(DatalakeComputeTask task) {
    return new HdpExecutionStore.ComputationalTask(
        new Uint8(task.computation().aggregateFunction().id()),
        new Uint8(task.computation().operator().id()),
        new Uint256(task.computation().valueToCompare().value()));
  }

  @Test
  void aBlockSampledEventGivesBackTheRequestedTask() {
    DatalakeComputeTask requested =
        task(
            "{\"type\": \"BlockSampled\", \"chainId\": 31337, \"blockRangeStart\": 5,"
                + " \"blockRangeEnd\": 105, \"increment\": 3, \"sampledProperty\":"
                + " \"account.0x70997970c51812dc3a010c7d01b50e0d17dc79c8.balance\"}",
            "{\"aggregateFnId\": \"max\"}");
    var d = (dev.hdp.core.task.BlockSampledDatalake) requested.datalake();
    Log log =
        log(
            EventEncoder.encode(HdpExecutionStore.TASKWITHBLOCKSAMPLEDDATALAKESCHEDULED_EVENT),
            List.of(
                new HdpExecutionStore.BlockSampledDatalake(
                    new Uint256(d.chainId().value()),
                    new Uint256(BigInteger.valueOf(d.blockRangeStart())),
                    new Uint256(BigInteger.valueOf(d.blockRangeEnd())),
                    new Uint256(BigInteger.valueOf(d.increment())),
                    new DynamicBytes(d.sampledProperty().encode())),
                compute(requested)));
    DatalakeComputeTask decoded = EventWatcher.decode(log);
    assertEquals(requested, decoded);
    assertEquals(requested.commitment(), decoded.commitment());
  }

  @Test
  void aTransactionsEventGivesBackTheRequestedTask() {
    DatalakeComputeTask requested =
        task(
            "{\"type\": \"TransactionsInBlock\", \"chainId\": 31337, \"targetBlock\": 9,"
                + " \"startIndex\": 0, \"endIndex\": 3, \"increment\": 1, \"includedTypes\":"
                + " {\"legacy\": true, \"eip2930\": false, \"eip1559\": true, \"eip4844\": true},"
                + " \"sampledProperty\": \"tx.gas_limit\"}",
            "{\"aggregateFnId\": \"count\", \"aggregateFnCtx\": {\"operator\": \"gt\","
                + " \"valueToCompare\": \"50000\"}}");
    var d = (TransactionsInBlockDatalake) requested.datalake();
    Log log =
        log(
            EventEncoder.encode(
                HdpExecutionStore.TASKWITHTRANSACTIONSINBLOCKDATALAKESCHEDULED_EVENT),
            List.of(
                new HdpExecutionStore.TransactionsInBlockDatalake(
                    new Uint256(d.chainId().value()),
                    new Uint256(BigInteger.valueOf(d.targetBlock())),
                    new Uint256(BigInteger.valueOf(d.startIndex())),
                    new Uint256(BigInteger.valueOf(d.endIndex())),
                    new Uint256(BigInteger.valueOf(d.increment())),
                    new Uint256(d.includedTypes().toUInt256()),
                    new DynamicBytes(d.sampledProperty().encode())),
                compute(requested)));
    assertEquals(requested.commitment(), EventWatcher.decode(log).commitment());
  }

  @Test
  void anotherEventIsRefused() {
    Log log =
        log(EventEncoder.encode(HdpExecutionStore.MMRROOTCACHED_EVENT), List.of(new Uint256(1)));
    assertThrows(IllegalArgumentException.class, () -> EventWatcher.decode(log));
  }
}
