package dev.hdp.contracts;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * Block headers as RLP, rebuilt from {@code eth_getBlockByNumber} (Anvil has no raw-header call).
 * Field order of the post-Prague header; fields a block lacks are left out at the end.
 */
final class RawHeaders {
  private static final String[] HASH_FIELDS = {
    "parentHash",
    "sha3Uncles",
    "miner",
    "stateRoot",
    "transactionsRoot",
    "receiptsRoot",
    "logsBloom"
  };
  private static final String[] TAIL = {
    "baseFeePerGas",
    "withdrawalsRoot",
    "blobGasUsed",
    "excessBlobGas",
    "parentBeaconBlockRoot",
    "requestsHash"
  };
  private static final java.util.Set<String> NUMBERS =
      java.util.Set.of(
          "difficulty",
          "number",
          "gasLimit",
          "gasUsed",
          "timestamp",
          "baseFeePerGas",
          "blobGasUsed",
          "excessBlobGas");

  /** The response of a raw JSON call. */
  public static final class BlockResponse extends Response<Map<String, Object>> {}

  private RawHeaders() {}

  static Map<String, Object> block(HttpService rpc, long number) throws IOException {
    return new Request<>(
            "eth_getBlockByNumber",
            List.of("0x" + Long.toHexString(number), false),
            rpc,
            BlockResponse.class)
        .send()
        .getResult();
  }

  /** The header's RLP; its keccak is the block hash. */
  static byte[] rlp(Map<String, Object> block) {
    List<RlpType> fields = new ArrayList<>();
    for (String f : HASH_FIELDS) fields.add(field(block, f));
    for (String f :
        new String[] {
          "difficulty",
          "number",
          "gasLimit",
          "gasUsed",
          "timestamp",
          "extraData",
          "mixHash",
          "nonce"
        }) {
      fields.add(field(block, f));
    }
    for (String f : TAIL) {
      if (block.containsKey(f)) fields.add(field(block, f));
    }
    return RlpEncoder.encode(new RlpList(fields));
  }

  private static RlpType field(Map<String, Object> block, String name) {
    String hex = (String) block.get(name);
    if (hex == null) throw new IllegalArgumentException("block has no " + name);
    if (NUMBERS.contains(name)) return RlpString.create(new BigInteger(hex.substring(2), 16));
    return RlpString.create(Numeric.hexStringToByteArray(hex));
  }
}
