package dev.hdp.core.chain;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.rlp.RlpDecoder;
import dev.hdp.core.rlp.RlpException;
import dev.hdp.core.rlp.RlpList;
import dev.hdp.core.rlp.RlpString;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A signed transaction of type 0 (legacy, with or without EIP-155), 1 (EIP-2930), 2 (EIP-1559), 3
 * (EIP-4844, canonical form without sidecar) or 4 (EIP-7702), decoded strictly from its EIP-2718
 * encoding: the RLP list for legacy, {@code type || rlp(fields)} otherwise, which is what a block's
 * transaction trie stores. The bytes are kept; the transaction hash is their keccak256.
 */
public final class Transaction {
  private final byte[] encoded;
  private final TransactionType type;
  private final Optional<Long> chainId;
  private final long nonce;
  private final Optional<UInt256> gasPrice;
  private final Optional<UInt256> maxPriorityFeePerGas;
  private final Optional<UInt256> maxFeePerGas;
  private final long gasLimit;
  private final Optional<Address> to;
  private final UInt256 value;
  private final byte[] input;
  private final Optional<List<AccessListEntry>> accessList;
  private final Optional<UInt256> maxFeePerBlobGas;
  private final Optional<List<Bytes32>> blobVersionedHashes;
  private final Optional<List<Authorization>> authorizationList;
  private final UInt256 v;
  private final UInt256 r;
  private final UInt256 s;

  private Transaction(byte[] encoded, TransactionType type, RlpList f) {
    this.encoded = encoded;
    this.type = type;
    String what = type.label();
    f.requireSize(type.fieldCount(), what);
    int i = 0;
    long typedChainId = 0;
    if (type == TransactionType.LEGACY) {
      this.nonce = Fields.read(f, what, i++, "nonce", RlpString::asLong);
      this.gasPrice = Optional.of(Fields.read(f, what, i++, "gasPrice", RlpString::asUInt256));
      this.maxPriorityFeePerGas = Optional.empty();
      this.maxFeePerGas = Optional.empty();
    } else {
      typedChainId = Fields.read(f, what, i++, "chainId", RlpString::asLong);
      this.nonce = Fields.read(f, what, i++, "nonce", RlpString::asLong);
      if (type == TransactionType.EIP2930) {
        this.gasPrice = Optional.of(Fields.read(f, what, i++, "gasPrice", RlpString::asUInt256));
        this.maxPriorityFeePerGas = Optional.empty();
        this.maxFeePerGas = Optional.empty();
      } else {
        this.gasPrice = Optional.empty();
        this.maxPriorityFeePerGas =
            Optional.of(Fields.read(f, what, i++, "maxPriorityFeePerGas", RlpString::asUInt256));
        this.maxFeePerGas =
            Optional.of(Fields.read(f, what, i++, "maxFeePerGas", RlpString::asUInt256));
      }
    }
    this.gasLimit = Fields.read(f, what, i++, "gasLimit", RlpString::asLong);
    boolean creationAllowed = type != TransactionType.EIP4844 && type != TransactionType.EIP7702;
    this.to =
        Fields.read(
            f,
            what,
            i++,
            "to",
            x -> {
              if (x.isEmpty() && creationAllowed) {
                return Optional.<Address>empty();
              }
              return Optional.of(x.asAddress());
            });
    this.value = Fields.read(f, what, i++, "value", RlpString::asUInt256);
    this.input = Fields.read(f, what, i++, "input", RlpString::bytes);
    if (type == TransactionType.LEGACY) {
      this.accessList = Optional.empty();
    } else {
      this.accessList =
          Optional.of(Fields.readList(f, what, i++, "accessList", AccessListEntry::decode));
    }
    if (type == TransactionType.EIP4844) {
      this.maxFeePerBlobGas =
          Optional.of(Fields.read(f, what, i++, "maxFeePerBlobGas", RlpString::asUInt256));
      this.blobVersionedHashes =
          Optional.of(
              Fields.readList(f, what, i++, "blobVersionedHashes", h -> h.asString().asBytes32()));
    } else {
      this.maxFeePerBlobGas = Optional.empty();
      this.blobVersionedHashes = Optional.empty();
    }
    if (type == TransactionType.EIP7702) {
      this.authorizationList =
          Optional.of(Fields.readList(f, what, i++, "authorizationList", Authorization::decode));
    } else {
      this.authorizationList = Optional.empty();
    }
    int vIndex = i;
    this.v =
        Fields.read(
            f, what, i++, type == TransactionType.LEGACY ? "v" : "yParity", RlpString::asUInt256);
    if (type != TransactionType.LEGACY && v.value().compareTo(BigInteger.ONE) > 0) {
      throw RlpException.invalid(
          RlpException.Kind.INVALID_VALUE,
          what + " field yParity (#" + vIndex + "): must be 0 or 1, found " + v,
          f.get(vIndex));
    }
    this.r = Fields.read(f, what, i++, "r", RlpString::asUInt256);
    this.s = Fields.read(f, what, i, "s", RlpString::asUInt256);
    if (type == TransactionType.LEGACY) {
      // EIP-155: v = 35 + 2 * chainId + parity; 27/28 mean no chain id.
      BigInteger raw = v.value();
      this.chainId =
          raw.compareTo(BigInteger.valueOf(35)) >= 0 && raw.bitLength() <= 64
              ? Optional.of(raw.subtract(BigInteger.valueOf(35)).shiftRight(1).longValue())
              : Optional.empty();
    } else {
      this.chainId = Optional.of(typedChainId);
    }
  }

  /**
   * Decodes a transaction from its EIP-2718 encoding (the array is copied).
   *
   * @throws RlpException for non-canonical RLP, an unknown type byte, a wrong field count or a bad
   *     field; the message names the field
   */
  public static Transaction decode(byte[] encoded) {
    byte[] copy = encoded.clone();
    if (copy.length == 0) {
      throw RlpException.at(RlpException.Kind.EMPTY_INPUT, "empty transaction", copy, 0);
    }
    int first = copy[0] & 0xff;
    try {
      if (first >= 0xc0) {
        return new Transaction(copy, TransactionType.LEGACY, RlpDecoder.decode(copy).asList());
      }
      Optional<TransactionType> type =
          first == 0 ? Optional.empty() : TransactionType.fromId(first);
      if (type.isEmpty()) {
        throw RlpException.at(
            RlpException.Kind.INVALID_VALUE,
            String.format("unknown transaction type 0x%02x", first),
            copy,
            0);
      }
      return new Transaction(copy, type.get(), RlpDecoder.decode(copy, 1, copy.length).asList());
    } catch (RlpException e) {
      throw e.within("transaction");
    }
  }

  /**
   * HDP's uint256 value of a field. Empty where HDP has none (it panics): {@code GAS_PRICE} of
   * types 2–4, fee-market fields of types 0–1, blob fields outside type 3, {@code TO} of a contract
   * creation, {@code CHAIN_ID} of a pre-EIP-155 legacy transaction, {@code INPUT} longer than 32
   * bytes, and {@code ACCESS_LIST} always. {@code V} is the signature's v as encoded (the y parity
   * for typed transactions); {@code BLOB_VERSIONED_HASHES} is the first hash.
   */
  public Optional<UInt256> value(TransactionField field) {
    return switch (field) {
      case NONCE -> Optional.of(UInt256.of(nonce));
      case GAS_PRICE -> gasPrice;
      case GAS_LIMIT -> Optional.of(UInt256.of(gasLimit));
      case TO -> to.map(a -> UInt256.of(a.toBigInteger()));
      case VALUE -> Optional.of(value);
      case INPUT ->
          input.length <= 32 ? Optional.of(UInt256.of(new BigInteger(1, input))) : Optional.empty();
      case V -> Optional.of(v);
      case R -> Optional.of(r);
      case S -> Optional.of(s);
      case CHAIN_ID -> chainId.map(UInt256::of);
      case ACCESS_LIST -> Optional.empty();
      case MAX_FEE_PER_GAS -> maxFeePerGas;
      case MAX_PRIORITY_FEE_PER_GAS -> maxPriorityFeePerGas;
      case BLOB_VERSIONED_HASHES ->
          blobVersionedHashes
              .filter(h -> !h.isEmpty())
              .map(h -> UInt256.of(h.get(0).toBigInteger()));
      case MAX_FEE_PER_BLOB_GAS -> maxFeePerBlobGas;
    };
  }

  /** keccak256 of the EIP-2718 encoding: the transaction hash. */
  public Bytes32 hash() {
    return Keccak256.hash(encoded);
  }

  /** A copy of the EIP-2718 encoding. */
  public byte[] encoded() {
    return encoded.clone();
  }

  public TransactionType type() {
    return type;
  }

  /** The chain id: the field of typed transactions, derived from v for EIP-155 legacy ones. */
  public Optional<Long> chainId() {
    return chainId;
  }

  public long nonce() {
    return nonce;
  }

  public Optional<UInt256> gasPrice() {
    return gasPrice;
  }

  public Optional<UInt256> maxPriorityFeePerGas() {
    return maxPriorityFeePerGas;
  }

  public Optional<UInt256> maxFeePerGas() {
    return maxFeePerGas;
  }

  public long gasLimit() {
    return gasLimit;
  }

  /** The recipient; empty for a contract creation. */
  public Optional<Address> to() {
    return to;
  }

  public UInt256 value() {
    return value;
  }

  /** A copy of the input data. */
  public byte[] input() {
    return input.clone();
  }

  public Optional<List<AccessListEntry>> accessList() {
    return accessList;
  }

  public Optional<UInt256> maxFeePerBlobGas() {
    return maxFeePerBlobGas;
  }

  public Optional<List<Bytes32>> blobVersionedHashes() {
    return blobVersionedHashes;
  }

  public Optional<List<Authorization>> authorizationList() {
    return authorizationList;
  }

  /** The signature's v as encoded: 27/28 or EIP-155 for legacy, the y parity (0/1) otherwise. */
  public UInt256 v() {
    return v;
  }

  public UInt256 r() {
    return r;
  }

  public UInt256 s() {
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "Transaction{type=" + type + ", nonce=" + nonce + ", hash=" + hash() + "}";
  }
}
