package dev.hdp.preprocess.source;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.task.ChainId;
import java.util.Objects;

/**
 * One item the preprocessor will ask a {@link ChainDataSource} for, announced up front through
 * {@link ChainDataSource#prefetch} so that a network source can fetch many items per round trip.
 */
public sealed interface ChainDataRequest {
  /** The chain of the item. */
  ChainId chainId();

  /** The block of the item. */
  long blockNumber();

  /** A block header with its MMR proof. */
  record Header(ChainId chainId, long blockNumber) implements ChainDataRequest {
    public Header {
      Objects.requireNonNull(chainId, "chainId");
    }
  }

  /** An account proof. */
  record Account(ChainId chainId, long blockNumber, Address address) implements ChainDataRequest {
    public Account {
      Objects.requireNonNull(chainId, "chainId");
      Objects.requireNonNull(address, "address");
    }
  }

  /** A storage proof (with its account proof). */
  record Storage(ChainId chainId, long blockNumber, Address address, Bytes32 slot)
      implements ChainDataRequest {
    public Storage {
      Objects.requireNonNull(chainId, "chainId");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(slot, "slot");
    }
  }

  /** A transaction trie proof. */
  record Transaction(ChainId chainId, long blockNumber, long index) implements ChainDataRequest {
    public Transaction {
      Objects.requireNonNull(chainId, "chainId");
    }
  }

  /** A receipt trie proof. */
  record Receipt(ChainId chainId, long blockNumber, long index) implements ChainDataRequest {
    public Receipt {
      Objects.requireNonNull(chainId, "chainId");
    }
  }
}
