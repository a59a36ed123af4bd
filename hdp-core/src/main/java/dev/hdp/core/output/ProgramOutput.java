package dev.hdp.core.output;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.task.ChainId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gen2 program output (hdp-cairo v0.0.10 {@code write_output_ptr}): the two roots split into
 * 128-bit halves, then one {@code (id, size, chainId, root)} quadruple per MMR.
 *
 * @param mmrs the MMRs used, in output order; the peaks are not part of the output
 */
public record ProgramOutput(Bytes32 resultsRoot, Bytes32 tasksRoot, List<MmrMeta> mmrs) {
  private static final BigInteger LOW_128 = BigInteger.ONE.shiftLeft(128);

  public ProgramOutput {
    if (resultsRoot == null || tasksRoot == null) {
      throw new IllegalArgumentException("a root is missing");
    }
    mmrs = List.copyOf(mmrs);
  }

  /** The output words, in order. */
  public List<UInt256> words() {
    List<UInt256> words = new ArrayList<>(4 + 4 * mmrs.size());
    words.add(UInt256.of(resultsRoot.low128()));
    words.add(UInt256.of(resultsRoot.high128()));
    words.add(UInt256.of(tasksRoot.low128()));
    words.add(UInt256.of(tasksRoot.high128()));
    for (MmrMeta mmr : mmrs) {
      words.add(UInt256.of(mmr.id()));
      words.add(UInt256.of(mmr.size()));
      words.add(UInt256.of(mmr.chainId().value()));
      words.add(UInt256.of(mmr.root().toBigInteger()));
    }
    return List.copyOf(words);
  }

  /**
   * Reads output words back (as a finalizer rebuilds them). The MMR peaks are not in the output, so
   * the metas come back without peaks.
   *
   * @throws IllegalArgumentException when the length is not 4 + 4k or a half does not fit 128 bits
   */
  public static ProgramOutput fromWords(List<UInt256> words) {
    if (words.size() < 4 || words.size() % 4 != 0) {
      throw new IllegalArgumentException("a Gen2 output has 4 + 4k words, got " + words.size());
    }
    Bytes32 results = join(words.get(0), words.get(1), "resultsRoot");
    Bytes32 tasks = join(words.get(2), words.get(3), "tasksRoot");
    List<MmrMeta> mmrs = new ArrayList<>();
    for (int i = 4; i < words.size(); i += 4) {
      mmrs.add(
          new MmrMeta(
              words.get(i).value().longValueExact(),
              words.get(i + 1).value().longValueExact(),
              new ChainId(words.get(i + 2).value()),
              words.get(i + 3).toBytes32(),
              List.of()));
    }
    return new ProgramOutput(results, tasks, mmrs);
  }

  /** {@code keccak256(abi.encodePacked(uint256[] words))}. */
  public Bytes32 outputHash() {
    List<UInt256> words = words();
    byte[] packed = new byte[32 * words.size()];
    for (int i = 0; i < words.size(); i++) {
      words.get(i).toBytes32().copyTo(packed, 32 * i);
    }
    return Keccak256.hash(packed);
  }

  /** The SHARP/GPS fact: {@code keccak256(abi.encode(bytes32 programHash, bytes32 outputHash))}. */
  public Bytes32 fact(Bytes32 programHash) {
    return Keccak256.hash(programHash.toArray(), outputHash().toArray());
  }

  private static Bytes32 join(UInt256 low, UInt256 high, String name) {
    if (low.value().compareTo(LOW_128) >= 0 || high.value().compareTo(LOW_128) >= 0) {
      throw new IllegalArgumentException(name + " halves must each fit 128 bits");
    }
    return Bytes32.fromBigInteger(high.value().shiftLeft(128).or(low.value()));
  }
}
