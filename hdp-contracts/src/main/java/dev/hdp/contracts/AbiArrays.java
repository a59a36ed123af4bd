package dev.hdp.contracts;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * web3j array arguments for the generated wrappers. web3j derives a function's selector from its
 * arguments' values, so an empty {@code bytes32[][]} built the obvious way gets a wrong type name
 * (and the call a wrong selector); {@link #bytes32Matrix} names its type explicitly.
 */
public final class AbiArrays {
  private AbiArrays() {}

  /** A {@code bytes32[]}. */
  public static DynamicArray<Bytes32> bytes32Array(List<byte[]> values) {
    return new DynamicArray<>(Bytes32.class, values.stream().map(Bytes32::new).toList());
  }

  /** A {@code uint256[]}. */
  public static DynamicArray<Uint256> uint256Array(List<BigInteger> values) {
    return new DynamicArray<>(Uint256.class, values.stream().map(Uint256::new).toList());
  }

  /** A {@code bytes32[][]}, e.g. one Merkle proof per task; correct even when empty. */
  public static DynamicArray<DynamicArray<Bytes32>> bytes32Matrix(List<List<byte[]>> rows) {
    List<DynamicArray<Bytes32>> arrays = rows.stream().map(AbiArrays::bytes32Array).toList();
    return new Bytes32Matrix(arrays);
  }

  /** The nested array type whose type name does not depend on its contents. */
  private static final class Bytes32Matrix extends DynamicArray<DynamicArray<Bytes32>> {
    @SuppressWarnings("unchecked") // the element class of a nested array can only be raw
    Bytes32Matrix(List<DynamicArray<Bytes32>> rows) {
      super((Class<DynamicArray<Bytes32>>) (Class<?>) DynamicArray.class, rows);
    }

    @Override
    public String getTypeAsString() {
      return "bytes32[][]";
    }
  }
}
