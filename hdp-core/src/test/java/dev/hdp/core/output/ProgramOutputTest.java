package dev.hdp.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.task.ChainId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramOutputTest {
  // hdp-vectors.md V5 (hdp-sepolia/01).
  private static final Bytes32 RESULTS_ROOT =
      Bytes32.fromHex("0xb2cedb1cd3d258d4254d7584f509b273017593c39b795de56fb1679ae97f2390");
  private static final Bytes32 TASKS_ROOT =
      Bytes32.fromHex("0x6fd78b3c3cd564fe7a8f17212b6a283efb2333fc746c879ac4a8fde1671e46a0");
  private static final Bytes32 MMR_ROOT =
      Bytes32.fromHex("0x0492627ffa5084ec078f4d461408dfaa50b504a022c5471452d598da0040c066");

  private static ProgramOutput v5() {
    return new ProgramOutput(
        RESULTS_ROOT,
        TASKS_ROOT,
        List.of(new MmrMeta(27, 13024091, ChainId.ETHEREUM_SEPOLIA, MMR_ROOT, List.of())));
  }

  @Test
  void wordsFollowTheGen2Layout() {
    assertEquals(
        List.of(
            UInt256.parse("0x017593c39b795de56fb1679ae97f2390"),
            UInt256.parse("0xb2cedb1cd3d258d4254d7584f509b273"),
            UInt256.parse("0xfb2333fc746c879ac4a8fde1671e46a0"),
            UInt256.parse("0x6fd78b3c3cd564fe7a8f17212b6a283e"),
            UInt256.of(27),
            UInt256.of(13024091),
            UInt256.of(11155111),
            UInt256.of(MMR_ROOT.toBigInteger())),
        v5().words());
    assertEquals(v5(), ProgramOutput.fromWords(v5().words()));
  }

  @Test
  void factIsKeccakOfProgramHashAndOutputHash() {
    byte[] packed = new byte[32 * 8];
    List<UInt256> words = v5().words();
    for (int i = 0; i < 8; i++) {
      words.get(i).toBytes32().copyTo(packed, 32 * i);
    }
    Bytes32 outputHash = Keccak256.hash(packed);
    assertEquals(outputHash, v5().outputHash());
    Bytes32 programHash = UInt256.parse("0x1234").toBytes32();
    byte[] preimage = new byte[64];
    programHash.copyTo(preimage, 0);
    outputHash.copyTo(preimage, 32);
    assertEquals(Keccak256.hash(preimage), v5().fact(programHash));
  }

  @Test
  void malformedWordListsAreRejected() {
    List<UInt256> words = v5().words();
    assertThrows(
        IllegalArgumentException.class, () -> ProgramOutput.fromWords(words.subList(0, 7)));
    var tooHigh = new java.util.ArrayList<>(words);
    tooHigh.set(0, UInt256.of(java.math.BigInteger.ONE.shiftLeft(128)));
    assertThrows(IllegalArgumentException.class, () -> ProgramOutput.fromWords(tooHigh));
  }
}
