package dev.hdp.core.chain;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.rlp.RlpDecoder;
import dev.hdp.core.rlp.RlpException;
import dev.hdp.core.rlp.RlpList;
import dev.hdp.core.rlp.RlpString;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * A block header of any fork through Prague, decoded strictly from its RLP. The RLP is kept: the
 * block hash is keccak256 of exactly those bytes, and HDP's MMR leaf is computed from them too.
 */
public final class BlockHeader {
  private final byte[] rlp;
  private final Bytes32 hash;
  private final HeaderFork fork;
  private final Bytes32 parentHash;
  private final Bytes32 ommersHash;
  private final Address beneficiary;
  private final Bytes32 stateRoot;
  private final Bytes32 transactionsRoot;
  private final Bytes32 receiptsRoot;
  private final byte[] logsBloom;
  private final UInt256 difficulty;
  private final long number;
  private final long gasLimit;
  private final long gasUsed;
  private final long timestamp;
  private final byte[] extraData;
  private final Bytes32 mixHash;
  private final byte[] nonce;
  private final Optional<UInt256> baseFeePerGas;
  private final Optional<Bytes32> withdrawalsRoot;
  private final Optional<Long> blobGasUsed;
  private final Optional<Long> excessBlobGas;
  private final Optional<Bytes32> parentBeaconBlockRoot;
  private final Optional<Bytes32> requestsHash;

  private BlockHeader(byte[] rlp, RlpList f, HeaderFork fork) {
    this.rlp = rlp;
    this.hash = Keccak256.hash(rlp);
    this.fork = fork;
    this.parentHash = Fields.read(f, "block header", 0, "parentHash", RlpString::asBytes32);
    this.ommersHash = Fields.read(f, "block header", 1, "ommersHash", RlpString::asBytes32);
    this.beneficiary = Fields.read(f, "block header", 2, "beneficiary", RlpString::asAddress);
    this.stateRoot = Fields.read(f, "block header", 3, "stateRoot", RlpString::asBytes32);
    this.transactionsRoot =
        Fields.read(f, "block header", 4, "transactionsRoot", RlpString::asBytes32);
    this.receiptsRoot = Fields.read(f, "block header", 5, "receiptsRoot", RlpString::asBytes32);
    this.logsBloom = Fields.read(f, "block header", 6, "logsBloom", x -> x.fixedBytes(256));
    this.difficulty = Fields.read(f, "block header", 7, "difficulty", RlpString::asUInt256);
    this.number = Fields.read(f, "block header", 8, "number", RlpString::asLong);
    this.gasLimit = Fields.read(f, "block header", 9, "gasLimit", RlpString::asLong);
    this.gasUsed = Fields.read(f, "block header", 10, "gasUsed", RlpString::asLong);
    this.timestamp = Fields.read(f, "block header", 11, "timestamp", RlpString::asLong);
    this.extraData = Fields.read(f, "block header", 12, "extraData", RlpString::bytes);
    this.mixHash = Fields.read(f, "block header", 13, "mixHash", RlpString::asBytes32);
    this.nonce = Fields.read(f, "block header", 14, "nonce", x -> x.fixedBytes(8));
    int n = f.size();
    this.baseFeePerGas =
        n > 15
            ? Optional.of(Fields.read(f, "block header", 15, "baseFeePerGas", RlpString::asUInt256))
            : Optional.empty();
    this.withdrawalsRoot =
        n > 16
            ? Optional.of(
                Fields.read(f, "block header", 16, "withdrawalsRoot", RlpString::asBytes32))
            : Optional.empty();
    this.blobGasUsed =
        n > 17
            ? Optional.of(Fields.read(f, "block header", 17, "blobGasUsed", RlpString::asLong))
            : Optional.empty();
    this.excessBlobGas =
        n > 18
            ? Optional.of(Fields.read(f, "block header", 18, "excessBlobGas", RlpString::asLong))
            : Optional.empty();
    this.parentBeaconBlockRoot =
        n > 19
            ? Optional.of(
                Fields.read(f, "block header", 19, "parentBeaconBlockRoot", RlpString::asBytes32))
            : Optional.empty();
    this.requestsHash =
        n > 20
            ? Optional.of(Fields.read(f, "block header", 20, "requestsHash", RlpString::asBytes32))
            : Optional.empty();
  }

  /**
   * Decodes a header from its RLP (the array is copied).
   *
   * @throws RlpException when the bytes are not canonical RLP, the field count is not one of the
   *     fork layouts (15, 16, 17, 20, 21), or a field has the wrong size; the message names the
   *     field
   */
  public static BlockHeader decode(byte[] rlp) {
    byte[] copy = rlp.clone();
    RlpList fields;
    try {
      fields = RlpDecoder.decode(copy).asList();
    } catch (RlpException e) {
      throw e.within("block header");
    }
    Optional<HeaderFork> fork = HeaderFork.ofFieldCount(fields.size());
    if (fork.isEmpty()) {
      throw RlpException.invalid(
          RlpException.Kind.WRONG_ITEM_COUNT,
          "block header with "
              + fields.size()
              + " fields; known layouts have 15 (legacy), 16 (London), 17 (Shanghai), 20 (Cancun)"
              + " or 21 (Prague)",
          fields);
    }
    return new BlockHeader(copy, fields, fork.get());
  }

  /**
   * HDP's uint256 value of a field: hashes, roots and the beneficiary as big-endian integers, the
   * nonce as a big-endian u64. Empty when the field is absent in this fork, and for {@code
   * LOGS_BLOOM} and {@code EXTRA_DATA}, which HDP cannot turn into a value (it panics).
   */
  public Optional<UInt256> value(HeaderField field) {
    return switch (field) {
      case PARENT_HASH -> Optional.of(uint(parentHash));
      case OMMERS_HASH -> Optional.of(uint(ommersHash));
      case BENEFICIARY -> Optional.of(UInt256.of(beneficiary.toBigInteger()));
      case STATE_ROOT -> Optional.of(uint(stateRoot));
      case TRANSACTIONS_ROOT -> Optional.of(uint(transactionsRoot));
      case RECEIPTS_ROOT -> Optional.of(uint(receiptsRoot));
      case LOGS_BLOOM, EXTRA_DATA -> Optional.empty();
      case DIFFICULTY -> Optional.of(difficulty);
      case NUMBER -> Optional.of(UInt256.of(number));
      case GAS_LIMIT -> Optional.of(UInt256.of(gasLimit));
      case GAS_USED -> Optional.of(UInt256.of(gasUsed));
      case TIMESTAMP -> Optional.of(UInt256.of(timestamp));
      case MIX_HASH -> Optional.of(uint(mixHash));
      case NONCE -> Optional.of(UInt256.of(new BigInteger(1, nonce)));
      case BASE_FEE_PER_GAS -> baseFeePerGas;
      case WITHDRAWALS_ROOT -> withdrawalsRoot.map(BlockHeader::uint);
      case BLOB_GAS_USED -> blobGasUsed.map(UInt256::of);
      case EXCESS_BLOB_GAS -> excessBlobGas.map(UInt256::of);
      case PARENT_BEACON_BLOCK_ROOT -> parentBeaconBlockRoot.map(BlockHeader::uint);
    };
  }

  private static UInt256 uint(Bytes32 value) {
    return UInt256.of(value.toBigInteger());
  }

  /** keccak256 of the RLP: the block hash. */
  public Bytes32 hash() {
    return hash;
  }

  /** A copy of the RLP the header was decoded from. */
  public byte[] rlp() {
    return rlp.clone();
  }

  /** The RLP length in bytes. */
  public int rlpLength() {
    return rlp.length;
  }

  /** The layout (fork) of this header, by its field count. */
  public HeaderFork fork() {
    return fork;
  }

  public Bytes32 parentHash() {
    return parentHash;
  }

  public Bytes32 ommersHash() {
    return ommersHash;
  }

  public Address beneficiary() {
    return beneficiary;
  }

  public Bytes32 stateRoot() {
    return stateRoot;
  }

  public Bytes32 transactionsRoot() {
    return transactionsRoot;
  }

  public Bytes32 receiptsRoot() {
    return receiptsRoot;
  }

  /** A copy of the 256-byte logs bloom. */
  public byte[] logsBloom() {
    return logsBloom.clone();
  }

  public UInt256 difficulty() {
    return difficulty;
  }

  public long number() {
    return number;
  }

  public long gasLimit() {
    return gasLimit;
  }

  public long gasUsed() {
    return gasUsed;
  }

  public long timestamp() {
    return timestamp;
  }

  /** A copy of the extra data. */
  public byte[] extraData() {
    return extraData.clone();
  }

  public Bytes32 mixHash() {
    return mixHash;
  }

  /** A copy of the 8-byte nonce. */
  public byte[] nonce() {
    return nonce.clone();
  }

  public Optional<UInt256> baseFeePerGas() {
    return baseFeePerGas;
  }

  public Optional<Bytes32> withdrawalsRoot() {
    return withdrawalsRoot;
  }

  public Optional<Long> blobGasUsed() {
    return blobGasUsed;
  }

  public Optional<Long> excessBlobGas() {
    return excessBlobGas;
  }

  public Optional<Bytes32> parentBeaconBlockRoot() {
    return parentBeaconBlockRoot;
  }

  public Optional<Bytes32> requestsHash() {
    return requestsHash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockHeader other && Arrays.equals(rlp, other.rlp);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "BlockHeader{number="
        + number
        + ", hash="
        + hash
        + ", fork="
        + fork
        + ", rlp="
        + Hex.abbreviate(Hex.encode(rlp))
        + "}";
  }
}
