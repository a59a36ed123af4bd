package dev.hdp.core.bytes;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Ethereum's Keccak-256 (original Keccak padding, not NIST SHA3-256), through Bouncy Castle.
 *
 * <p>A digest is kept per thread: reusing one is measurably faster than allocating one per hash.
 */
public final class Keccak256 {
  private static final ThreadLocal<KeccakDigest> DIGEST =
      ThreadLocal.withInitial(() -> new KeccakDigest(256));

  private Keccak256() {}

  /** keccak256 of the bytes. */
  public static Bytes32 hash(byte[] input) {
    return Bytes32.wrapUnsafe(hashToArray(input, 0, input.length));
  }

  /** keccak256 of the concatenation of the parts, without building the concatenation. */
  public static Bytes32 hash(byte[]... parts) {
    KeccakDigest digest = DIGEST.get();
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return Bytes32.wrapUnsafe(out);
  }

  /** keccak256 of {@code input[offset, offset + length)} as a fresh array. */
  public static byte[] hashToArray(byte[] input, int offset, int length) {
    KeccakDigest digest = DIGEST.get();
    digest.update(input, offset, length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }
}
