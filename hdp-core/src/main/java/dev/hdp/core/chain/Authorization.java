package dev.hdp.core.chain;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.rlp.RlpException;
import dev.hdp.core.rlp.RlpItem;
import dev.hdp.core.rlp.RlpList;
import dev.hdp.core.rlp.RlpString;

/** One EIP-7702 authorization tuple {@code [chainId, address, nonce, yParity, r, s]}. */
public record Authorization(
    UInt256 chainId, Address address, long nonce, int yParity, UInt256 r, UInt256 s) {

  static Authorization decode(RlpItem item) {
    RlpList f;
    try {
      f = item.asList().requireSize(6, "authorization");
    } catch (RlpException e) {
      throw e.within("authorization");
    }
    String what = "authorization";
    return new Authorization(
        Fields.read(f, what, 0, "chainId", RlpString::asUInt256),
        Fields.read(f, what, 1, "address", RlpString::asAddress),
        Fields.read(f, what, 2, "nonce", RlpString::asLong),
        Fields.read(f, what, 3, "yParity", x -> (int) x.asBigInteger(1).longValue()),
        Fields.read(f, what, 4, "r", RlpString::asUInt256),
        Fields.read(f, what, 5, "s", RlpString::asUInt256));
  }
}
