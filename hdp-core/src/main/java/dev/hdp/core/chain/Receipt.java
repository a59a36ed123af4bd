package dev.hdp.core.chain;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.rlp.RlpDecoder;
import dev.hdp.core.rlp.RlpException;
import dev.hdp.core.rlp.RlpList;
import dev.hdp.core.rlp.RlpString;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A transaction receipt as a block's receipt trie stores it: {@code rlp([statusOrPostState,
 * cumulativeGasUsed, logsBloom, logs])}, prefixed by the type byte for typed transactions.
 */
public final class Receipt {
  private final byte[] encoded;
  private final TransactionType type;
  private final Optional<Boolean> status;
  private final Optional<Bytes32> postState;
  private final long cumulativeGasUsed;
  private final byte[] logsBloom;
  private final List<Log> logs;

  private Receipt(byte[] encoded, TransactionType type, RlpList f) {
    this.encoded = encoded;
    this.type = type;
    String what = "receipt";
    f.requireSize(4, what);
    RlpString outcome = Fields.read(f, what, 0, "status", x -> x);
    if (outcome.length() == 32) {
      // Before Byzantium (EIP-658) the first field was the post-transaction state root.
      this.status = Optional.empty();
      this.postState = Optional.of(outcome.asBytes32());
    } else if (outcome.isEmpty() || (outcome.length() == 1 && outcome.byteAt(0) == 1)) {
      this.status = Optional.of(!outcome.isEmpty());
      this.postState = Optional.empty();
    } else {
      throw RlpException.invalid(
              RlpException.Kind.INVALID_VALUE,
              "status must be empty (failure), 0x01 (success) or a 32-byte state root",
              outcome)
          .within("receipt field status (#0)");
    }
    this.cumulativeGasUsed = Fields.read(f, what, 1, "cumulativeGasUsed", RlpString::asLong);
    this.logsBloom = Fields.read(f, what, 2, "logsBloom", x -> x.fixedBytes(256));
    this.logs = Fields.readList(f, what, 3, "logs", Log::decode);
  }

  /**
   * Decodes a receipt from its EIP-2718 encoding (the array is copied).
   *
   * @throws RlpException for non-canonical RLP, an unknown type, or a bad field (named)
   */
  public static Receipt decode(byte[] encoded) {
    byte[] copy = encoded.clone();
    if (copy.length == 0) {
      throw RlpException.at(RlpException.Kind.EMPTY_INPUT, "empty receipt", copy, 0);
    }
    int first = copy[0] & 0xff;
    try {
      if (first >= 0xc0) {
        return new Receipt(copy, TransactionType.LEGACY, RlpDecoder.decode(copy).asList());
      }
      Optional<TransactionType> type =
          first == 0 ? Optional.empty() : TransactionType.fromId(first);
      if (type.isEmpty()) {
        throw RlpException.at(
            RlpException.Kind.INVALID_VALUE,
            String.format("unknown receipt type 0x%02x", first),
            copy,
            0);
      }
      return new Receipt(copy, type.get(), RlpDecoder.decode(copy, 1, copy.length).asList());
    } catch (RlpException e) {
      throw e.within("receipt");
    }
  }

  /**
   * HDP's uint256 value of a field: {@code SUCCESS} is the status (0/1) or, before Byzantium, the
   * post-state root as an integer; {@code LOGS} is the number of logs; {@code BLOOM} is the bloom's
   * length in bytes (256), as HDP computes it.
   */
  public UInt256 value(ReceiptField field) {
    return switch (field) {
      case SUCCESS ->
          status
              .map(ok -> ok ? UInt256.ONE : UInt256.ZERO)
              .orElseGet(() -> UInt256.of(postState.orElseThrow().toBigInteger()));
      case CUMULATIVE_GAS_USED -> UInt256.of(cumulativeGasUsed);
      case LOGS -> UInt256.of(logs.size());
      case BLOOM -> UInt256.of(logsBloom.length);
    };
  }

  /** A copy of the EIP-2718 encoding. */
  public byte[] encoded() {
    return encoded.clone();
  }

  public TransactionType type() {
    return type;
  }

  /** The EIP-658 status (true = success); empty for a pre-Byzantium receipt. */
  public Optional<Boolean> status() {
    return status;
  }

  /** The post-transaction state root of a pre-Byzantium receipt. */
  public Optional<Bytes32> postState() {
    return postState;
  }

  public long cumulativeGasUsed() {
    return cumulativeGasUsed;
  }

  /** A copy of the 256-byte logs bloom. */
  public byte[] logsBloom() {
    return logsBloom.clone();
  }

  public List<Log> logs() {
    return logs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Receipt other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "Receipt{type=" + type + ", status=" + status + ", logs=" + logs.size() + "}";
  }
}
