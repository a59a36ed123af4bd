package dev.hdp.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Hash;

class AbiArraysTest {
  @Test
  void anEmptyMatrixKeepsItsTypeInTheSelector() {
    var call =
        new Function(
            "f",
            List.of(AbiArrays.bytes32Matrix(List.of()), AbiArrays.bytes32Array(List.of())),
            List.of());
    assertEquals(
        Hash.sha3String("f(bytes32[][],bytes32[])").substring(0, 10),
        FunctionEncoder.encode(call).substring(0, 10));
  }

  @Test
  void aMatrixEncodesLikeSolidity() {
    var call =
        new Function(
            "g",
            List.of(AbiArrays.bytes32Matrix(List.of(List.of(new byte[32]), List.of()))),
            List.of());
    String encoded = FunctionEncoder.encode(call).substring(10);
    // offset 0x20, length 2, offsets 0x40 and 0x80 (relative to the elements), [1, 0], [0]
    assertEquals(
        word(0x20) + word(2) + word(0x40) + word(0x80) + word(1) + word(0) + word(0), encoded);
  }

  private static String word(long v) {
    return String.format("%064x", v);
  }
}
