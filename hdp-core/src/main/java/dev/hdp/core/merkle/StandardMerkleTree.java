package dev.hdp.core.merkle;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * OpenZeppelin's StandardMerkleTree over {@code bytes32} values with {@code sortLeaves: false}, the
 * variant HDP uses (alloy-merkle-tree {@code StandardMerkleTree::of}, hdp-cairo {@code
 * compute_merkle_root}).
 *
 * <p>Array layout: {@code tree[2n-2-i] = leaf(value_i)}; for {@code i = n-2 … 0}, {@code tree[i] =
 * hashPair(tree[2i+1], tree[2i+2])}; the root is {@code tree[0]}. An empty tree has the root {@code
 * keccak256(0x00)}, as hdp-cairo returns (HDP's Rust cannot build one).
 */
public final class StandardMerkleTree {
  /** hdp-cairo's root for zero leaves: keccak256 of the single byte 0x00. */
  public static final Bytes32 EMPTY_ROOT = Keccak256.hash(new byte[] {0});

  private final List<Bytes32> values;
  private final Bytes32[] tree;

  private StandardMerkleTree(List<Bytes32> values) {
    this.values = List.copyOf(values);
    int n = values.size();
    this.tree = new Bytes32[n == 0 ? 0 : 2 * n - 1];
    for (int i = 0; i < n; i++) {
      tree[2 * n - 2 - i] = leafHash(values.get(i));
    }
    for (int i = n - 2; i >= 0; i--) {
      tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
    }
  }

  /** Builds the tree of the values in the given order. */
  public static StandardMerkleTree of(List<Bytes32> values) {
    values.forEach(Objects::requireNonNull);
    return new StandardMerkleTree(values);
  }

  /** OpenZeppelin's standard leaf of one {@code bytes32}: {@code keccak256(keccak256(value))}. */
  public static Bytes32 leafHash(Bytes32 value) {
    return Keccak256.hash(Keccak256.hash(value.toArray()).toArray());
  }

  /** OpenZeppelin's commutative node hash: keccak of the smaller then the larger child. */
  public static Bytes32 hashPair(Bytes32 a, Bytes32 b) {
    return a.compareTo(b) <= 0
        ? Keccak256.hash(a.toArray(), b.toArray())
        : Keccak256.hash(b.toArray(), a.toArray());
  }

  /** The root ({@link #EMPTY_ROOT} for no leaves). */
  public Bytes32 root() {
    return tree.length == 0 ? EMPTY_ROOT : tree[0];
  }

  /** The number of values. */
  public int size() {
    return values.size();
  }

  /** The values, in input order. */
  public List<Bytes32> values() {
    return values;
  }

  /**
   * The sibling hashes from the leaf of value {@code index} up to (not including) the root.
   *
   * @throws IndexOutOfBoundsException for an index outside the values
   */
  public List<Bytes32> proof(int index) {
    Objects.checkIndex(index, values.size());
    List<Bytes32> proof = new ArrayList<>();
    for (int k = tree.length - 1 - index; k > 0; k = (k - 1) / 2) {
      proof.add(tree[(k & 1) == 1 ? k + 1 : k - 1]);
    }
    return List.copyOf(proof);
  }

  /**
   * The proof HDP writes for a value: HDP maps each value to its <em>last</em> index, so with
   * duplicate values every copy gets the proof of the last one (both verify).
   *
   * @throws IllegalArgumentException when the value is not in the tree
   */
  public List<Bytes32> proofOfValue(Bytes32 value) {
    int index = values.lastIndexOf(value);
    if (index < 0) {
      throw new IllegalArgumentException("value not in the tree: " + value);
    }
    return proof(index);
  }

  /**
   * Whether the proof leads from the value's leaf to the root (OpenZeppelin {@code
   * MerkleProof.verify} with the standard leaf). A wrong proof gives {@code false}, never an
   * exception.
   */
  public static boolean verify(Bytes32 root, Bytes32 value, List<Bytes32> proof) {
    Bytes32 node = leafHash(value);
    for (Bytes32 sibling : proof) {
      node = hashPair(node, sibling);
    }
    return node.equals(root);
  }
}
