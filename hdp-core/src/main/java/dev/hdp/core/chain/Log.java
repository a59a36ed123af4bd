package dev.hdp.core.chain;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.rlp.RlpException;
import dev.hdp.core.rlp.RlpItem;
import dev.hdp.core.rlp.RlpList;
import dev.hdp.core.rlp.RlpString;
import java.util.Arrays;
import java.util.List;

/** A receipt log: {@code [address, topics, data]}. */
public record Log(Address address, List<Bytes32> topics, byte[] data) {
  /** Copies the parts. */
  public Log {
    topics = List.copyOf(topics);
    data = data.clone();
  }

  /** A copy of the data. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  static Log decode(RlpItem item) {
    RlpList f;
    try {
      f = item.asList().requireSize(3, "log");
    } catch (RlpException e) {
      throw e.within("log");
    }
    return new Log(
        Fields.read(f, "log", 0, "address", RlpString::asAddress),
        Fields.readList(f, "log", 1, "topics", t -> t.asString().asBytes32()),
        Fields.read(f, "log", 2, "data", RlpString::bytes));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Log other
        && address.equals(other.address)
        && topics.equals(other.topics)
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return (address.hashCode() * 31 + topics.hashCode()) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Log{address=" + address + ", topics=" + topics + ", data=" + data.length + " bytes}";
  }
}
