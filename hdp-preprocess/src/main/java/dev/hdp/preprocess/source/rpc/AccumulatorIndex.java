package dev.hdp.preprocess.source.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.mmr.KeccakMmr;
import dev.hdp.core.mmr.Mmr;
import dev.hdp.core.mmr.MmrHashing;
import dev.hdp.core.mmr.MmrPositions;
import dev.hdp.core.mmr.MmrProof;
import dev.hdp.core.output.MmrMeta;
import dev.hdp.core.task.ChainId;
import dev.hdp.preprocess.rpc.JsonRpcClient;
import dev.hdp.preprocess.rpc.RpcCall;
import dev.hdp.preprocess.rpc.RpcException;
import dev.hdp.preprocess.rpc.RpcHex;
import dev.hdp.preprocess.rpc.RpcResult;
import dev.hdp.preprocess.source.ChainDataException;
import dev.hdp.preprocess.source.HeaderWithProof;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A local mirror of one Keccak MMR of the on-chain {@code HeadersAccumulator}, answering inclusion
 * proofs for any appended block.
 *
 * <p>{@link #sync()} reads the MMR's state ({@code mmrInfo}: first block, leaf count, size, root),
 * appends the hashes of the blocks appended since the last sync (read with {@code
 * eth_getBlockByNumber}, batched), and checks that the root of the mirror equals the on-chain root.
 * When it does not (a dev chain was reset, another contract sits at the address, a reorg), the
 * mirror is rebuilt from the first block; if the roots still differ, sync fails. The leaves are
 * persisted to a small file after each sync, so that a restart only reads what is new.
 *
 * <p>Proofs are against the mirror's current size and the on-chain root for that size, so a
 * verifier can check them with the contract's {@code rootAt(mmrId, size)}. Thread-safe.
 */
public final class AccumulatorIndex implements HeaderProofProvider {
  private static final int FILE_MAGIC = 0x48445041; // "HDPA"
  private static final int FILE_VERSION = 1;
  private static final byte[] MMR_INFO =
      Arrays.copyOf(
          Keccak256.hash("mmrInfo(uint256)".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .toArray(),
          4);

  private final JsonRpcClient rpc;
  private final Address accumulator;
  private final long mmrId;
  private final Path file;
  private final ChainId chainId;

  private long firstBlock = -1;
  private final List<Bytes32> leaves = new ArrayList<>();
  private Mmr<Bytes32> mmr = KeccakMmr.create();
  private MmrMeta meta;

  /** What the last sync did. */
  public record SyncResult(
      long firstBlock,
      long leafCount,
      long mmrSize,
      Bytes32 root,
      long appended,
      boolean rebuilt) {}

  /**
   * An index of MMR {@code mmrId} of the accumulator at {@code accumulator}, persisted to {@code
   * file} (read if it exists; nothing is fetched before {@link #sync()}).
   */
  public AccumulatorIndex(JsonRpcClient rpc, Address accumulator, long mmrId, Path file) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
    this.accumulator = Objects.requireNonNull(accumulator, "accumulator");
    this.mmrId = mmrId;
    this.file = Objects.requireNonNull(file, "file");
    try {
      this.chainId = new ChainId(RpcHex.quantity(rpc.call("eth_chainId").asText(), "eth_chainId"));
    } catch (RpcException | IllegalArgumentException e) {
      throw new ChainDataException(
          "cannot read the chain id of " + rpc.endpoint() + ": " + e.getMessage(), e);
    }
    load();
  }

  /**
   * Brings the mirror up to the on-chain MMR and persists it.
   *
   * @throws ChainDataException when the node fails, or the mirror's root cannot be made to equal
   *     the on-chain root
   */
  public synchronized SyncResult sync() {
    OnChain state = readOnChain();
    boolean rebuilt = false;
    if (state.firstBlock != firstBlock || leaves.size() > state.leafCount) {
      rebuilt = !leaves.isEmpty();
      reset(state.firstBlock);
    }
    long before = leaves.size();
    appendUpTo(state.leafCount);
    if (!rootMatches(state)) {
      if (before == 0) {
        throw mismatch(state);
      }
      reset(state.firstBlock);
      rebuilt = true;
      appendUpTo(state.leafCount);
      if (!rootMatches(state)) {
        throw mismatch(state);
      }
    }
    long appended = rebuilt ? leaves.size() : leaves.size() - before;
    meta =
        state.leafCount == 0
            ? null
            : new MmrMeta(mmrId, mmr.size(), chainId, mmr.root(), mmr.peaks());
    save();
    return new SyncResult(firstBlock, leaves.size(), mmr.size(), state.root, appended, rebuilt);
  }

  /** The MMR's current metadata (after a sync), or null when it is empty. */
  public synchronized MmrMeta mmrMeta() {
    return meta;
  }

  @Override
  public synchronized HeaderWithProof prove(ChainId chain, long blockNumber, byte[] rlp) {
    if (!chain.equals(chainId)) {
      throw new ChainDataException(
          "the accumulator index is for chain " + chainId + ", not " + chain);
    }
    if (meta == null || blockNumber >= firstBlock + leaves.size()) {
      sync(); // it may have been appended since
    }
    if (blockNumber < firstBlock || blockNumber >= firstBlock + leaves.size()) {
      throw new ChainDataException(
          "block "
              + blockNumber
              + " is not in MMR "
              + mmrId
              + " of the HeadersAccumulator at "
              + accumulator
              + (leaves.isEmpty()
                  ? " (empty)"
                  : " (blocks " + firstBlock + "–" + (firstBlock + leaves.size() - 1) + ")")
              + "; append it first");
    }
    long leafIndex = blockNumber - firstBlock;
    Bytes32 hash = Keccak256.hash(rlp);
    if (!leaves.get((int) leafIndex).equals(hash)) {
      throw new ChainDataException(
          "block "
              + blockNumber
              + " hashes to "
              + hash
              + " but MMR "
              + mmrId
              + " holds "
              + leaves.get((int) leafIndex)
              + " (a reorg since it was appended?)");
    }
    MmrProof<Bytes32> proof = mmr.proof(MmrPositions.leafPosition(leafIndex));
    return new HeaderWithProof(
        rlp, meta, proof.elementPosition(), proof.siblings(), MmrHashing.KECCAK);
  }

  // ------------------------------------------------------------------ chain

  private record OnChain(long firstBlock, long leafCount, long mmrSize, Bytes32 root) {}

  private OnChain readOnChain() {
    String data =
        Hex.encode(MMR_INFO)
            + Hex.encodeNoPrefix(Bytes32.fromBigInteger(BigInteger.valueOf(mmrId)).toArray());
    JsonNode answer;
    try {
      answer =
          rpc.call("eth_call", java.util.Map.of("to", accumulator.toHex(), "data", data), "latest");
    } catch (RpcException e) {
      throw new ChainDataException(
          "mmrInfo("
              + mmrId
              + ") of the HeadersAccumulator at "
              + accumulator
              + ": "
              + e.getMessage(),
          e);
    }
    byte[] out;
    try {
      out = RpcHex.data(answer.asText(), "mmrInfo");
    } catch (IllegalArgumentException e) {
      throw new ChainDataException("mmrInfo(" + mmrId + "): " + e.getMessage(), e);
    }
    if (out.length != 5 * 32) {
      throw new ChainDataException(
          "mmrInfo("
              + mmrId
              + ") of "
              + accumulator
              + ": expected 160 bytes, got "
              + out.length
              + " (not a HeadersAccumulator?)");
    }
    long first = word(out, 0, "firstBlock");
    long count = word(out, 1, "leafCount");
    long size = word(out, 3, "mmrSize");
    Bytes32 root = Bytes32.of(Arrays.copyOfRange(out, 128, 160));
    if (size != MmrPositions.sizeForLeafCount(count)) {
      throw new ChainDataException(
          "mmrInfo(" + mmrId + "): size " + size + " does not match " + count + " leaves");
    }
    return new OnChain(first, count, size, root);
  }

  private static long word(byte[] out, int index, String name) {
    BigInteger value = new BigInteger(1, Arrays.copyOfRange(out, index * 32, index * 32 + 32));
    if (value.bitLength() > 62) {
      throw new ChainDataException("mmrInfo: " + name + " too large: " + value);
    }
    return value.longValue();
  }

  private void appendUpTo(long leafCount) {
    long from = firstBlock + leaves.size();
    long to = firstBlock + leafCount;
    if (from >= to) {
      return;
    }
    List<RpcCall> calls = new ArrayList<>();
    for (long n = from; n < to; n++) {
      calls.add(RpcCall.of("eth_getBlockByNumber", RpcHex.quantity(n), false));
    }
    List<RpcResult> results = rpc.callAll(calls);
    for (int i = 0; i < results.size(); i++) {
      long n = from + i;
      try {
        JsonNode block = results.get(i).orThrow();
        if (block == null || block.isNull()) {
          throw new IllegalArgumentException("the node does not know block " + n);
        }
        if (RpcHex.quantityLong(block, "number") != n) {
          throw new IllegalArgumentException(
              "asked for block " + n + ", got " + block.get("number"));
        }
        Bytes32 hash = RpcHex.bytes32(block, "hash");
        leaves.add(hash);
        mmr.append(hash);
      } catch (RpcException | IllegalArgumentException e) {
        throw new ChainDataException(
            "reading the hash of block " + n + " for the accumulator index: " + e.getMessage(), e);
      }
    }
  }

  private boolean rootMatches(OnChain state) {
    return state.leafCount == 0
        ? leaves.isEmpty()
        : mmr.size() == state.mmrSize && mmr.root().equals(state.root);
  }

  private ChainDataException mismatch(OnChain state) {
    return new ChainDataException(
        "MMR "
            + mmrId
            + " of the HeadersAccumulator at "
            + accumulator
            + " has root "
            + state.root
            + " at size "
            + state.mmrSize
            + ", but the hashes of blocks "
            + firstBlock
            + "–"
            + (firstBlock + state.leafCount - 1)
            + " the node serves give "
            + mmr.root());
  }

  private void reset(long first) {
    firstBlock = first;
    leaves.clear();
    mmr = KeccakMmr.create();
  }

  // ------------------------------------------------------------------ file

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != FILE_MAGIC || in.readInt() != FILE_VERSION) {
        return; // not ours: rebuilt at the next sync
      }
      String chain = in.readUTF();
      byte[] address = in.readNBytes(20);
      long id = in.readLong();
      long first = in.readLong();
      long count = in.readLong();
      if (!chain.equals(chainId.value().toString())
          || !Arrays.equals(address, accumulator.toArray())
          || id != mmrId
          || count < 0) {
        return; // another chain, contract or MMR: start afresh
      }
      reset(first);
      for (long i = 0; i < count; i++) {
        Bytes32 leaf = Bytes32.of(in.readNBytes(32));
        leaves.add(leaf);
        mmr.append(leaf);
      }
    } catch (IOException | IllegalArgumentException e) {
      reset(-1); // a truncated or damaged file: rebuilt at the next sync
    }
  }

  private void save() {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeInt(FILE_MAGIC);
        out.writeInt(FILE_VERSION);
        out.writeUTF(chainId.value().toString());
        out.write(accumulator.toArray());
        out.writeLong(mmrId);
        out.writeLong(firstBlock);
        out.writeLong(leaves.size());
        for (Bytes32 leaf : leaves) {
          out.write(leaf.toArray());
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ChainDataException(
          "cannot write the accumulator index " + file + ": " + e.getMessage(), e);
    }
  }
}
