package dev.hdp.core.bytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BytesTest {
  @Test
  void keccakOfEmptyAndOfOperatorRoleMatchKnownValues() {
    // Well-known: keccak256("") and OPERATOR_ROLE = keccak256("OPERATOR_ROLE") (hdp-vectors.md
    // V12).
    assertEquals(
        "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        Keccak256.hash(new byte[0]).toHex());
    assertEquals(
        "0x97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b929",
        Keccak256.hash("OPERATOR_ROLE".getBytes(StandardCharsets.US_ASCII)).toHex());
    assertEquals(
        Keccak256.hash("OPERATOR_ROLE".getBytes(StandardCharsets.US_ASCII)),
        Keccak256.hash("OPERATOR".getBytes(StandardCharsets.US_ASCII), "_ROLE".getBytes()));
  }

  @Test
  void hexIsStrict() {
    assertArrayEquals(new byte[] {0x12, (byte) 0xab}, Hex.decode("0x12AB"));
    assertArrayEquals(new byte[0], Hex.decode("0x"));
    var odd = assertThrows(IllegalArgumentException.class, () -> Hex.decode("0x123"));
    assertTrue(odd.getMessage().contains("odd"), odd.getMessage());
    var bad = assertThrows(IllegalArgumentException.class, () -> Hex.decode("0x12zz"));
    assertTrue(bad.getMessage().contains("'z' at index 2"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Bytes32.fromHex("0x1234"));
    assertThrows(IllegalArgumentException.class, () -> Address.fromHex("0x" + "11".repeat(21)));
  }

  @Test
  void bytes32SplitsIntoCairoHalvesAndRoundTrips() {
    Bytes32 root =
        Bytes32.fromHex("0xb2cedb1cd3d258d4254d7584f509b273017593c39b795de56fb1679ae97f2390");
    assertEquals(new BigInteger("017593c39b795de56fb1679ae97f2390", 16), root.low128());
    assertEquals(new BigInteger("b2cedb1cd3d258d4254d7584f509b273", 16), root.high128());
    assertEquals(root, Bytes32.fromBigInteger(root.high128().shiftLeft(128).or(root.low128())));
    assertEquals(root, Bytes32.fromHex(root.toHex()));
  }

  @Test
  void uint256RejectsOutOfRangeAndOverflow() {
    assertEquals(UInt256.of(10), UInt256.parse("10"));
    assertEquals(UInt256.of(16), UInt256.parse("0x10"));
    assertEquals(UInt256.MAX_VALUE, UInt256.parse("0x" + "ff".repeat(32)).value());
    assertThrows(IllegalArgumentException.class, () -> UInt256.parse("0x1" + "00".repeat(32)));
    assertThrows(IllegalArgumentException.class, () -> UInt256.parse("-1"));
    assertThrows(IllegalArgumentException.class, () -> UInt256.parse("1e5"));
    assertThrows(IllegalArgumentException.class, () -> UInt256.parse(" 1"));
    assertThrows(ArithmeticException.class, () -> new UInt256(UInt256.MAX_VALUE).add(UInt256.ONE));
  }
}
