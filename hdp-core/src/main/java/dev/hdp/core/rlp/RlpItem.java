package dev.hdp.core.rlp;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import java.util.Arrays;

/**
 * A decoded RLP item: a view on the input array (offsets, no copy). The input array must not be
 * changed while items decoded from it are in use.
 */
public abstract sealed class RlpItem permits RlpString, RlpList {
  final byte[] source;
  final int offset;
  final int payloadOffset;
  final int end;

  RlpItem(byte[] source, int offset, int payloadOffset, int end) {
    this.source = source;
    this.offset = offset;
    this.payloadOffset = payloadOffset;
    this.end = end;
  }

  /** Whether this item is a list. */
  public abstract boolean isList();

  /** This item as a string, or an {@link RlpException} of kind {@code WRONG_TYPE}. */
  public RlpString asString() {
    throw new RlpException(
        RlpException.Kind.WRONG_TYPE, "expected an RLP string, found a list", source, offset);
  }

  /** This item as a list, or an {@link RlpException} of kind {@code WRONG_TYPE}. */
  public RlpList asList() {
    throw new RlpException(
        RlpException.Kind.WRONG_TYPE, "expected an RLP list, found a string", source, offset);
  }

  /** The offset of this item's first (prefix) byte in the decoded input. */
  public int offset() {
    return offset;
  }

  /** The length of the whole encoding, prefix included. */
  public int encodedLength() {
    return end - offset;
  }

  /** The length of the payload (string bytes, or the concatenated encodings of the list items). */
  public int payloadLength() {
    return end - payloadOffset;
  }

  /** A copy of this item's whole encoding, prefix included. */
  public byte[] encoded() {
    return Arrays.copyOfRange(source, offset, end);
  }

  /** keccak256 of this item's whole encoding (a trie node's hash, a header's block hash). */
  public Bytes32 encodedKeccak() {
    return Bytes32.of(Keccak256.hashToArray(source, offset, end - offset));
  }

  /** Whether this item's whole encoding equals {@code bytes}. */
  public boolean encodingEquals(byte[] bytes) {
    return Arrays.equals(source, offset, end, bytes, 0, bytes.length);
  }

  byte[] source() {
    return source;
  }
}
