package dev.hdp.core.chain;

import dev.hdp.core.rlp.RlpException;
import dev.hdp.core.rlp.RlpItem;
import dev.hdp.core.rlp.RlpList;
import dev.hdp.core.rlp.RlpString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** Reading named fields of RLP lists, with errors that say which field of what was bad. */
final class Fields {
  private Fields() {}

  /** Reads string field {@code index}, naming {@code what} and {@code name} in any error. */
  static <T> T read(
      RlpList fields, String what, int index, String name, Function<RlpString, T> reader) {
    try {
      return reader.apply(fields.get(index).asString());
    } catch (RlpException e) {
      throw e.within(what + " field " + name + " (#" + index + ")");
    }
  }

  /** Reads list field {@code index}, mapping each item, naming the field in any error. */
  static <T> List<T> readList(
      RlpList fields, String what, int index, String name, Function<RlpItem, T> reader) {
    try {
      RlpList list = fields.get(index).asList();
      List<T> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(reader.apply(list.get(i)));
      }
      return Collections.unmodifiableList(out);
    } catch (RlpException e) {
      throw e.within(what + " field " + name + " (#" + index + ")");
    }
  }
}
