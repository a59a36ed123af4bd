package dev.hdp.core.rlp;

import java.util.List;

/** A decoded RLP list (a view on the input); its items were decoded and checked with it. */
public final class RlpList extends RlpItem {
  private final RlpItem[] items;

  RlpList(byte[] source, int offset, int payloadOffset, int end, RlpItem[] items) {
    super(source, offset, payloadOffset, end);
    this.items = items;
  }

  @Override
  public boolean isList() {
    return true;
  }

  @Override
  public RlpList asList() {
    return this;
  }

  /** The number of items. */
  public int size() {
    return items.length;
  }

  /** The item at {@code index}. */
  public RlpItem get(int index) {
    return items[index];
  }

  /** The item at {@code index}, which must be a string. */
  public RlpString string(int index) {
    return items[index].asString();
  }

  /** The items, unmodifiable. */
  public List<RlpItem> items() {
    return List.of(items);
  }

  /**
   * Requires exactly {@code count} items.
   *
   * @throws RlpException {@code WRONG_ITEM_COUNT}, naming {@code what}
   */
  public RlpList requireSize(int count, String what) {
    if (items.length != count) {
      throw new RlpException(
          RlpException.Kind.WRONG_ITEM_COUNT,
          what + " must have " + count + " items, found " + items.length,
          source,
          offset);
    }
    return this;
  }
}
