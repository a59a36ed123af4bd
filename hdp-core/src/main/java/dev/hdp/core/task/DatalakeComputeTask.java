package dev.hdp.core.task;

import dev.hdp.core.abi.AbiDecodingException;
import dev.hdp.core.abi.AbiReader;
import dev.hdp.core.abi.AbiWriter;
import dev.hdp.core.bytes.Bytes32;

/**
 * A datalake and a computation over its values. Encoded as {@code abi.encode(bytes32
 * datalakeCommitment, uint8 fnId, uint8 opId, uint256 valueToCompare)} (128 bytes, hdp.md §3.2);
 * the task commitment is its keccak.
 */
public record DatalakeComputeTask(Datalake datalake, Computation computation) implements Task {
  private static final String WHAT = "DatalakeComputeTask";

  public DatalakeComputeTask {
    if (datalake == null) {
      throw new TaskValidationException("datalake", "is missing");
    }
    if (computation == null) {
      throw new TaskValidationException("compute", "is missing");
    }
  }

  @Override
  public byte[] encode() {
    return new AbiWriter()
        .bytes32(datalake.commitment())
        .uint(computation.aggregateFunction().id())
        .uint(computation.operator().id())
        .uint(computation.valueToCompare().value())
        .toByteArray();
  }

  /**
   * Decodes an encoded task together with the encoded datalake it commits to (as the Cairo input
   * carries them), checking that the first word is the datalake's keccak.
   *
   * @throws AbiDecodingException naming the field
   */
  public static DatalakeComputeTask decode(byte[] encodedTask, byte[] encodedDatalake) {
    AbiReader reader = new AbiReader(encodedTask, WHAT, 4);
    Bytes32 datalakeCommitment = reader.bytes32(0, "datalakeCommitment");
    Computation computation = Computation.read(reader, 1, WHAT);
    reader.finish();
    Datalake datalake = Datalake.decode(encodedDatalake);
    if (!datalake.commitment().equals(datalakeCommitment)) {
      throw new AbiDecodingException(
          WHAT,
          "datalakeCommitment",
          0,
          "is not keccak256 of the datalake (" + datalake.commitment() + ")",
          encodedTask);
    }
    return new DatalakeComputeTask(datalake, computation);
  }
}
