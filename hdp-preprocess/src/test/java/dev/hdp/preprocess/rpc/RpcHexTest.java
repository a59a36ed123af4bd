package dev.hdp.preprocess.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RpcHexTest {
  @Test
  void readsQuantitiesAndData() {
    assertEquals(BigInteger.ZERO, RpcHex.quantity("0x0", "q"));
    assertEquals(BigInteger.valueOf(0x1f4), RpcHex.quantity("0x1f4", "q"));
    assertArrayEquals(new byte[] {0, (byte) 0xab}, RpcHex.data("0x00ab", "d"));
    assertArrayEquals(new byte[0], RpcHex.data("0x", "d"));
    assertEquals("0x3e8", RpcHex.quantity(1000));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0x", "0x01", "1f", "0xg1", "0x-1", "0X1f"})
  void rejectsMalformedQuantities(String text) {
    var e = assertThrows(IllegalArgumentException.class, () -> RpcHex.quantity(text, "balance"));
    assertTrue(e.getMessage().startsWith("balance: "), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0xabc", "abcd", "0xzz"})
  void rejectsMalformedData(String text) {
    var e = assertThrows(IllegalArgumentException.class, () -> RpcHex.data(text, "proof[2]"));
    assertTrue(e.getMessage().startsWith("proof[2]: "), e.getMessage());
  }
}
