package dev.hdp.core.trie;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.rlp.RlpEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory Merkle-Patricia trie built from key/value pairs: its root hash and proofs. Used to
 * rebuild a block's transaction or receipt trie from the block's items (key {@code rlp(index)}) and
 * to check it against the header, and by tests.
 *
 * <p>Not for large state: it holds every pair in memory and rebuilds the nodes once, on the first
 * root or proof request after a change.
 */
public final class MerklePatriciaTrie {
  private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
  private Node root;

  /** Stores {@code value} under {@code key}; an empty value removes the key, as in Ethereum. */
  public MerklePatriciaTrie put(byte[] key, byte[] value) {
    if (value.length == 0) {
      entries.remove(key);
    } else {
      entries.put(key.clone(), value.clone());
    }
    root = null;
    return this;
  }

  /** Removes {@code key}. */
  public MerklePatriciaTrie remove(byte[] key) {
    entries.remove(key);
    root = null;
    return this;
  }

  /** The number of keys. */
  public int size() {
    return entries.size();
  }

  /** The root hash: keccak of the root node's encoding (even when it is shorter than 32 bytes). */
  public Bytes32 rootHash() {
    return Keccak256.hash(rootNode().encoded);
  }

  /**
   * The proof for {@code key}, present or absent: the root node and every hashed node on the key's
   * path, in order, as {@code eth_getProof} gives them.
   */
  public List<byte[]> proof(byte[] key) {
    byte[] nibbles = MerklePatriciaProof.nibbles(key);
    List<byte[]> proof = new ArrayList<>();
    Node node = rootNode();
    proof.add(node.encoded.clone());
    int pos = 0;
    while (true) {
      switch (node) {
        case Empty e -> {
          return proof;
        }
        case Leaf l -> {
          return proof;
        }
        case Extension x -> {
          if (!startsWith(nibbles, pos, x.path)) {
            return proof;
          }
          pos += x.path.length;
          node = x.child;
        }
        case Branch b -> {
          if (pos == nibbles.length || b.children[nibbles[pos]] == null) {
            return proof;
          }
          node = b.children[nibbles[pos++]];
        }
      }
      if (node.encoded.length >= 32) {
        proof.add(node.encoded.clone());
      }
    }
  }

  private Node rootNode() {
    if (root == null) {
      List<byte[]> keys = new ArrayList<>(entries.size());
      List<byte[]> values = new ArrayList<>(entries.size());
      for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
        keys.add(MerklePatriciaProof.nibbles(e.getKey()));
        values.add(e.getValue());
      }
      root = keys.isEmpty() ? new Empty() : build(keys, values, 0, keys.size(), 0);
    }
    return root;
  }

  /**
   * Builds the node for the sorted keys {@code [from, to)}, which share their first depth nibbles.
   */
  private static Node build(List<byte[]> keys, List<byte[]> values, int from, int to, int depth) {
    if (to - from == 1) {
      byte[] k = keys.get(from);
      return new Leaf(Arrays.copyOfRange(k, depth, k.length), values.get(from));
    }
    int common = commonPrefix(keys.get(from), keys.get(to - 1), depth);
    if (common > 0) {
      byte[] path = Arrays.copyOfRange(keys.get(from), depth, depth + common);
      return new Extension(path, build(keys, values, from, to, depth + common));
    }
    Node[] children = new Node[16];
    byte[] value = null;
    int i = from;
    if (keys.get(i).length == depth) {
      value = values.get(i++); // sorted: the key that ends here comes first
    }
    while (i < to) {
      int nibble = keys.get(i)[depth];
      int j = i;
      while (j < to && keys.get(j)[depth] == nibble) {
        j++;
      }
      children[nibble] = build(keys, values, i, j, depth + 1);
      i = j;
    }
    return new Branch(children, value);
  }

  /** The shared prefix length of the first and last sorted keys (so of all keys) after depth. */
  private static int commonPrefix(byte[] a, byte[] b, int depth) {
    int n = 0;
    while (depth + n < a.length && depth + n < b.length && a[depth + n] == b[depth + n]) {
      n++;
    }
    return n;
  }

  private static boolean startsWith(byte[] key, int pos, byte[] path) {
    return key.length - pos >= path.length
        && Arrays.equals(key, pos, pos + path.length, path, 0, path.length);
  }

  /** The hex-prefix (compact) encoding of a nibble path with the leaf flag. */
  static byte[] hexPrefix(byte[] nibbles, boolean leaf) {
    boolean odd = (nibbles.length & 1) == 1;
    byte[] out = new byte[nibbles.length / 2 + 1];
    int flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
    int n = 0;
    if (odd) {
      out[0] = (byte) (flag << 4 | nibbles[n++]);
    } else {
      out[0] = (byte) (flag << 4);
    }
    for (int i = 1; i < out.length; i++) {
      out[i] = (byte) (nibbles[n] << 4 | nibbles[n + 1]);
      n += 2;
    }
    return out;
  }

  /** How a parent refers to a child: embedded when shorter than 32 bytes, else by hash. */
  private static byte[] reference(Node child) {
    return child.encoded.length < 32
        ? child.encoded
        : RlpEncoder.encodeBytes(Keccak256.hashToArray(child.encoded, 0, child.encoded.length));
  }

  private abstract static sealed class Node permits Empty, Leaf, Extension, Branch {
    final byte[] encoded;

    Node(byte[] encoded) {
      this.encoded = encoded;
    }
  }

  private static final class Empty extends Node {
    Empty() {
      super(RlpEncoder.encodeBytes(new byte[0]));
    }
  }

  private static final class Leaf extends Node {
    Leaf(byte[] path, byte[] value) {
      super(
          RlpEncoder.encodeList(
              RlpEncoder.encodeBytes(hexPrefix(path, true)), RlpEncoder.encodeBytes(value)));
    }
  }

  private static final class Extension extends Node {
    final byte[] path;
    final Node child;

    Extension(byte[] path, Node child) {
      super(
          RlpEncoder.encodeList(RlpEncoder.encodeBytes(hexPrefix(path, false)), reference(child)));
      this.path = path;
      this.child = child;
    }
  }

  private static final class Branch extends Node {
    final Node[] children;

    Branch(Node[] children, byte[] value) {
      super(encodeBranch(children, value));
      this.children = children;
    }

    private static byte[] encodeBranch(Node[] children, byte[] value) {
      List<byte[]> items = new ArrayList<>(17);
      for (Node child : children) {
        items.add(child == null ? RlpEncoder.encodeBytes(new byte[0]) : reference(child));
      }
      items.add(RlpEncoder.encodeBytes(value == null ? new byte[0] : value));
      return RlpEncoder.encodeList(items);
    }
  }
}
