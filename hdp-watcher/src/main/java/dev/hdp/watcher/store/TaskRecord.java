package dev.hdp.watcher.store;

import dev.hdp.core.bytes.Bytes32;
import java.util.Optional;

/** One task of a batch: its commitment, and its result once the batch has computed it. */
public record TaskRecord(int index, Bytes32 commitment, Optional<Bytes32> result) {}
