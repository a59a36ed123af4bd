package dev.hdp.core.chain;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.rlp.RlpEncoder;
import dev.hdp.core.rlp.RlpException;
import dev.hdp.core.rlp.RlpItem;
import dev.hdp.core.rlp.RlpList;
import dev.hdp.core.rlp.RlpString;
import java.util.Objects;
import java.util.Optional;

/** An account as the state trie stores it: {@code rlp([nonce, balance, storageRoot, codeHash])}. */
public record Account(long nonce, UInt256 balance, Bytes32 storageRoot, Bytes32 codeHash) {
  /** keccak256 of empty code. */
  public static final Bytes32 EMPTY_CODE_HASH =
      Bytes32.fromHex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

  /**
   * What {@code eth_getProof} reports for an account absent from the state: zero nonce and balance,
   * the empty storage root and the empty code hash.
   */
  public static final Account EMPTY =
      new Account(
          0,
          UInt256.ZERO,
          Bytes32.fromHex("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"),
          EMPTY_CODE_HASH);

  /** Validates the parts. */
  public Account {
    if (nonce < 0) {
      throw new IllegalArgumentException("negative nonce " + nonce);
    }
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(storageRoot, "storageRoot");
    Objects.requireNonNull(codeHash, "codeHash");
  }

  /**
   * Decodes an account from its RLP list.
   *
   * @throws RlpException when the item is not a 4-item list of canonical fields
   */
  public static Account decode(RlpItem item) {
    RlpList f;
    try {
      f = item.asList().requireSize(4, "account");
    } catch (RlpException e) {
      throw e.within("account");
    }
    return new Account(
        Fields.read(f, "account", 0, "nonce", RlpString::asLong),
        Fields.read(f, "account", 1, "balance", RlpString::asUInt256),
        Fields.read(f, "account", 2, "storageRoot", RlpString::asBytes32),
        Fields.read(f, "account", 3, "codeHash", RlpString::asBytes32));
  }

  /** The account's RLP. */
  public byte[] encode() {
    return RlpEncoder.encodeList(
        RlpEncoder.encodeLong(nonce),
        RlpEncoder.encode(balance),
        RlpEncoder.encode(storageRoot),
        RlpEncoder.encode(codeHash));
  }

  /** HDP's uint256 value of a field (roots and hashes as big-endian integers). */
  public UInt256 value(AccountField field) {
    return switch (field) {
      case NONCE -> UInt256.of(nonce);
      case BALANCE -> balance;
      case STORAGE_ROOT -> UInt256.of(storageRoot.toBigInteger());
      case CODE_HASH -> UInt256.of(codeHash.toBigInteger());
    };
  }

  /** The account, or {@link #EMPTY} for a proven absence (as {@code eth_getProof} reports it). */
  public static Account orEmpty(Optional<Account> account) {
    return account.orElse(EMPTY);
  }
}
