package dev.hdp.core.task;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;

/** One task of a batch, identified on-chain by its commitment. */
public sealed interface Task permits DatalakeComputeTask, ModuleTask {
  /** The bytes whose keccak is the commitment (a fresh array). */
  byte[] encode();

  /** {@code keccak256(encode())}: the task's identity in the tasks tree and on-chain. */
  default Bytes32 commitment() {
    return Keccak256.hash(encode());
  }
}
