package dev.hdp.core.trie;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.proof.FailureReason;
import dev.hdp.core.proof.ProofResult;
import dev.hdp.core.rlp.RlpDecoder;
import dev.hdp.core.rlp.RlpException;
import dev.hdp.core.rlp.RlpItem;
import dev.hdp.core.rlp.RlpList;
import dev.hdp.core.rlp.RlpString;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a Merkle-Patricia proof: walks from the root hash through the proof nodes, in order,
 * along the key's nibbles. The result is the value stored under the key, or empty when the proof
 * shows the key is absent (an empty branch slot, or a leaf or extension whose path leaves the
 * key's), or a failure naming the node.
 *
 * <p>The walk is strict: node {@code i + 1} must hash to the reference in node {@code i}, embedded
 * nodes must be shorter than 32 bytes, and no node may be left over once the walk ends.
 */
public final class MerklePatriciaProof {
  /** keccak256(rlp("")): the root of an empty trie. */
  public static final Bytes32 EMPTY_TRIE_ROOT =
      Bytes32.fromHex("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

  private MerklePatriciaProof() {}

  /**
   * Verifies the proof of {@code key} (raw key bytes: keccak(address), keccak(slot), rlp(index)).
   *
   * @return the value (the leaf's string, still RLP-encoded as the trie stores it) or empty for a
   *     proven absence; or a failure with the index of the failing node
   */
  public static ProofResult<Optional<RlpString>> verify(
      Bytes32 root, byte[] key, List<byte[]> nodes) {
    return new Walk(root.toArray(), nibbles(key), nodes).run();
  }

  /** The nibbles (4-bit halves, high first) of the key. */
  static byte[] nibbles(byte[] key) {
    byte[] out = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      out[2 * i] = (byte) ((key[i] >> 4) & 0x0f);
      out[2 * i + 1] = (byte) (key[i] & 0x0f);
    }
    return out;
  }

  private static final class Walk {
    private final byte[] root;
    private final byte[] key;
    private final List<byte[]> nodes;
    private int nodeIndex;
    private int keyPos;

    Walk(byte[] root, byte[] key, List<byte[]> nodes) {
      this.root = root;
      this.key = key;
      this.nodes = nodes;
    }

    ProofResult<Optional<RlpString>> run() {
      if (nodes.isEmpty()) {
        return Arrays.equals(root, EMPTY_TRIE_ROOT.toArray())
            ? ProofResult.valid(Optional.empty())
            : ProofResult.invalid(
                FailureReason.EMPTY_PROOF, -1, "no proof nodes for a non-empty trie root");
      }
      byte[] first = nodes.get(0);
      byte[] firstHash = Keccak256.hashToArray(first, 0, first.length);
      if (!Arrays.equals(firstHash, root)) {
        return fail(
            FailureReason.ROOT_MISMATCH,
            "node hashes to " + hex(firstHash) + ", expected the root " + hex(root));
      }
      RlpItem current;
      try {
        current = RlpDecoder.decode(first);
      } catch (RlpException e) {
        return fail(FailureReason.MALFORMED_NODE, e.getMessage());
      }
      if (!current.isList()) {
        // Only the empty trie's root node is a string: rlp("") = 0x80.
        RlpString s = current.asString();
        return s.isEmpty()
            ? done(Optional.empty())
            : fail(FailureReason.MALFORMED_NODE, "root node is a non-empty string");
      }
      while (true) {
        RlpList node = current.asList();
        RlpItem next;
        if (node.size() == 17) {
          if (keyPos == key.length) {
            RlpItem value = node.get(16);
            if (value.isList()) {
              return fail(FailureReason.MALFORMED_NODE, "branch value slot holds a list");
            }
            RlpString v = value.asString();
            return done(v.isEmpty() ? Optional.empty() : Optional.of(v));
          }
          next = node.get(key[keyPos++]);
          if (!next.isList() && next.asString().isEmpty()) {
            return done(Optional.empty());
          }
        } else if (node.size() == 2) {
          if (node.get(0).isList()) {
            return fail(FailureReason.MALFORMED_NODE, "node path is a list, not a string");
          }
          RlpString path = node.get(0).asString();
          if (path.isEmpty()) {
            return fail(FailureReason.MALFORMED_NODE, "leaf or extension with no path prefix");
          }
          int flag = (path.byteAt(0) >> 4) & 0x0f;
          boolean odd = (flag & 1) == 1;
          if (flag > 3 || (!odd && (path.byteAt(0) & 0x0f) != 0)) {
            return fail(
                FailureReason.MALFORMED_NODE,
                String.format("bad hex-prefix byte 0x%02x", path.byteAt(0) & 0xff));
          }
          boolean leaf = flag >= 2;
          int pathNibbles = path.length() * 2 - (odd ? 1 : 2);
          boolean matches = pathMatches(path, odd, pathNibbles);
          if (leaf) {
            if (!matches || keyPos + pathNibbles != key.length) {
              return done(Optional.empty());
            }
            if (node.get(1).isList()) {
              return fail(FailureReason.MALFORMED_NODE, "leaf value is a list, not a string");
            }
            RlpString value = node.get(1).asString();
            if (value.isEmpty()) {
              return fail(FailureReason.MALFORMED_NODE, "leaf with an empty value");
            }
            return done(Optional.of(value));
          }
          if (pathNibbles == 0) {
            return fail(FailureReason.MALFORMED_NODE, "extension with an empty path");
          }
          if (!matches) {
            return done(Optional.empty());
          }
          keyPos += pathNibbles;
          next = node.get(1);
          if (!next.isList() && next.asString().isEmpty()) {
            return fail(FailureReason.MALFORMED_NODE, "extension pointing to nothing");
          }
        } else {
          return fail(
              FailureReason.MALFORMED_NODE,
              "node with " + node.size() + " items (a branch has 17, a leaf or extension 2)");
        }
        // Follow the reference `next`: an embedded node, or the hash of the next proof node.
        if (next.isList()) {
          if (next.encodedLength() >= 32) {
            return fail(
                FailureReason.MALFORMED_NODE,
                "embedded node of " + next.encodedLength() + " bytes (must be under 32)");
          }
          current = next;
          continue;
        }
        RlpString reference = next.asString();
        if (reference.length() != 32) {
          return fail(
              FailureReason.MALFORMED_NODE,
              "child reference of " + reference.length() + " bytes (a hash has 32)");
        }
        if (nodeIndex + 1 >= nodes.size()) {
          nodeIndex++;
          return fail(
              FailureReason.MISSING_NODE,
              "the path continues to node " + hex(reference.bytes()) + " but the proof ends");
        }
        byte[] child = nodes.get(++nodeIndex);
        byte[] childHash = Keccak256.hashToArray(child, 0, child.length);
        if (!reference.contentEquals(childHash)) {
          return fail(
              FailureReason.NODE_HASH_MISMATCH,
              "node hashes to "
                  + hex(childHash)
                  + ", its parent references "
                  + hex(reference.bytes()));
        }
        try {
          current = RlpDecoder.decode(child);
        } catch (RlpException e) {
          return fail(FailureReason.MALFORMED_NODE, e.getMessage());
        }
        if (!current.isList()) {
          return fail(FailureReason.MALFORMED_NODE, "a referenced node is a string, not a list");
        }
      }
    }

    private boolean pathMatches(RlpString path, boolean odd, int pathNibbles) {
      if (keyPos + pathNibbles > key.length) {
        return false;
      }
      int k = keyPos;
      if (odd && key[k++] != (path.byteAt(0) & 0x0f)) {
        return false;
      }
      for (int i = 1; i < path.length(); i++) {
        int b = path.byteAt(i) & 0xff;
        if (key[k++] != (b >> 4) || key[k++] != (b & 0x0f)) {
          return false;
        }
      }
      return true;
    }

    private ProofResult<Optional<RlpString>> done(Optional<RlpString> value) {
      if (nodeIndex != nodes.size() - 1) {
        return ProofResult.invalid(
            FailureReason.UNUSED_NODES,
            nodeIndex + 1,
            (nodes.size() - 1 - nodeIndex)
                + " proof node(s) after the walk ended at node "
                + nodeIndex
                + (value.isPresent() ? " with a value" : " with proven absence"));
      }
      return ProofResult.valid(value);
    }

    private ProofResult<Optional<RlpString>> fail(FailureReason reason, String message) {
      return ProofResult.invalid(reason, nodeIndex, "proof node " + nodeIndex + ": " + message);
    }
  }

  private static String hex(byte[] bytes) {
    return Hex.encode(bytes);
  }
}
