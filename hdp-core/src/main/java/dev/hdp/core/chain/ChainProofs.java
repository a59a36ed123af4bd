package dev.hdp.core.chain;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.proof.FailureReason;
import dev.hdp.core.proof.ProofFailure;
import dev.hdp.core.proof.ProofResult;
import dev.hdp.core.rlp.RlpEncoder;
import dev.hdp.core.rlp.RlpException;
import dev.hdp.core.rlp.RlpItem;
import dev.hdp.core.rlp.RlpString;
import dev.hdp.core.trie.MerklePatriciaProof;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks of Merkle-Patricia proofs of block data against the roots that commit to it: accounts
 * against a header's state root (key {@code keccak(address)}), storage slots against an account's
 * storage root (key {@code keccak(slot)}), transactions and receipts against a header's
 * transactions and receipts roots (key {@code rlp(index)}). A bad proof or a proven value that does
 * not decode is a failure result, never an exception.
 */
public final class ChainProofs {
  private ChainProofs() {}

  /**
   * Verifies an {@code eth_getProof} account proof.
   *
   * @return the account, empty for a proven absence, or the failure
   */
  public static ProofResult<Optional<Account>> verifyAccount(
      Bytes32 stateRoot, Address address, List<byte[]> proof) {
    return decodeLeaf(
        MerklePatriciaProof.verify(stateRoot, address.keccak().toArray(), proof),
        proof.size(),
        () -> "account " + address,
        leaf -> Account.decode(leaf.decodeContent(0)));
  }

  /** Verifies an account proof against a header's state root. */
  public static ProofResult<Optional<Account>> verifyAccount(
      BlockHeader header, Address address, List<byte[]> proof) {
    return verifyAccount(header.stateRoot(), address, proof);
  }

  /**
   * Verifies an {@code eth_getProof} storage proof. The trie stores {@code rlp(value)} with the
   * value's minimal big-endian bytes; a slot holding zero is absent from the trie.
   *
   * @return the slot's value (zero for a proven absence), or the failure
   */
  public static ProofResult<UInt256> verifyStorage(
      Bytes32 storageRoot, Bytes32 slot, List<byte[]> proof) {
    return decodeLeaf(
            MerklePatriciaProof.verify(
                storageRoot, Keccak256.hash(slot.toArray()).toArray(), proof),
            proof.size(),
            () -> "storage slot " + slot,
            ChainProofs::decodeStorageValue)
        .map(v -> v.orElse(UInt256.ZERO));
  }

  private static UInt256 decodeStorageValue(RlpString leaf) {
    RlpItem item = leaf.decodeContent(0);
    RlpString value = item.asString();
    UInt256 decoded = value.asUInt256();
    if (decoded.value().signum() == 0) {
      throw RlpException.invalid(
          RlpException.Kind.INVALID_VALUE, "a zero value is never stored in the trie", value);
    }
    return decoded;
  }

  /**
   * Verifies a proof of the transaction at {@code index} against a transactions root.
   *
   * @return the transaction, empty when the proof shows there is none at that index, or the failure
   */
  public static ProofResult<Optional<Transaction>> verifyTransaction(
      Bytes32 transactionsRoot, long index, List<byte[]> proof) {
    return decodeLeaf(
        MerklePatriciaProof.verify(transactionsRoot, indexKey(index), proof),
        proof.size(),
        () -> "transaction " + index,
        leaf -> Transaction.decode(leaf.bytes()));
  }

  /**
   * Verifies a proof of the receipt at {@code index} against a receipts root.
   *
   * @return the receipt, empty when the proof shows there is none at that index, or the failure
   */
  public static ProofResult<Optional<Receipt>> verifyReceipt(
      Bytes32 receiptsRoot, long index, List<byte[]> proof) {
    return decodeLeaf(
        MerklePatriciaProof.verify(receiptsRoot, indexKey(index), proof),
        proof.size(),
        () -> "receipt " + index,
        leaf -> Receipt.decode(leaf.bytes()));
  }

  /** Verifies a transaction proof against a header's transactions root. */
  public static ProofResult<Optional<Transaction>> verifyTransaction(
      BlockHeader header, long index, List<byte[]> proof) {
    return verifyTransaction(header.transactionsRoot(), index, proof);
  }

  /** Verifies a receipt proof against a header's receipts root. */
  public static ProofResult<Optional<Receipt>> verifyReceipt(
      BlockHeader header, long index, List<byte[]> proof) {
    return verifyReceipt(header.receiptsRoot(), index, proof);
  }

  /**
   * Checks a header against the block hash it must have (from a trusted source: an MMR leaf, a
   * child's parent hash, {@code blockhash()}).
   *
   * @return the header, or {@code HEADER_MISMATCH} naming both hashes
   */
  public static ProofResult<BlockHeader> verifyHeaderHash(BlockHeader header, Bytes32 blockHash) {
    if (!header.hash().equals(blockHash)) {
      return ProofResult.invalid(
          FailureReason.HEADER_MISMATCH,
          -1,
          "header of block "
              + header.number()
              + " hashes to "
              + header.hash()
              + ", expected "
              + blockHash);
    }
    return ProofResult.valid(header);
  }

  /**
   * Checks that {@code child} links to {@code parent}: consecutive numbers and the child's parent
   * hash equal to the parent's hash.
   *
   * @return the child, or {@code HEADER_MISMATCH}
   */
  public static ProofResult<BlockHeader> verifyParent(BlockHeader parent, BlockHeader child) {
    if (child.number() != parent.number() + 1) {
      return ProofResult.invalid(
          FailureReason.HEADER_MISMATCH,
          -1,
          "block " + child.number() + " cannot be the child of block " + parent.number());
    }
    return verifyHeaderHash(parent, child.parentHash()).map(p -> child);
  }

  /** The trie key of the transaction or receipt at {@code index}: {@code rlp(index)}. */
  public static byte[] indexKey(long index) {
    return RlpEncoder.encodeLong(index);
  }

  /** Decodes a proven leaf; {@code what} names the item in failures only (built lazily). */
  private static <T> ProofResult<Optional<T>> decodeLeaf(
      ProofResult<Optional<RlpString>> walked,
      int nodes,
      Supplier<String> what,
      Function<RlpString, T> decoder) {
    if (!walked.isValid()) {
      return ProofResult.invalid(walked.failure().within(what.get()));
    }
    Optional<RlpString> leaf = walked.value();
    if (leaf.isEmpty()) {
      return ProofResult.valid(Optional.empty());
    }
    try {
      return ProofResult.valid(Optional.of(decoder.apply(leaf.get())));
    } catch (RlpException e) {
      return ProofResult.invalid(
          ProofFailure.at(
              FailureReason.MALFORMED_VALUE,
              nodes - 1,
              what.get() + ": the proven leaf does not decode: " + e.getMessage()));
    }
  }
}
