package dev.hdp.core.chain;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.rlp.RlpException;
import dev.hdp.core.rlp.RlpItem;
import dev.hdp.core.rlp.RlpList;
import dev.hdp.core.rlp.RlpString;
import java.util.List;

/** One EIP-2930 access-list entry: an address and the storage keys it warms. */
public record AccessListEntry(Address address, List<Bytes32> storageKeys) {
  /** Copies the key list. */
  public AccessListEntry {
    storageKeys = List.copyOf(storageKeys);
  }

  static AccessListEntry decode(RlpItem item) {
    RlpList f;
    try {
      f = item.asList().requireSize(2, "access list entry");
    } catch (RlpException e) {
      throw e.within("access list entry");
    }
    return new AccessListEntry(
        Fields.read(f, "access list entry", 0, "address", RlpString::asAddress),
        Fields.readList(f, "access list entry", 1, "storageKeys", k -> k.asString().asBytes32()));
  }
}
