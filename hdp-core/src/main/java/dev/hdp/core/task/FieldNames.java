package dev.hdp.core.task;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The text names and id lookups of the field enums of {@code dev.hdp.core.chain} as the sampled
 * properties use them: HDP's upper-case names, printed lowercase, parsed in any case.
 */
final class FieldNames {
  private FieldNames() {}

  /** The lowercase name, e.g. {@code base_fee_per_gas}. */
  static String text(Enum<?> field) {
    return field.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The field named {@code text} in any letter case.
   *
   * @throws TaskValidationException naming {@code sampledProperty}
   */
  static <E extends Enum<E>> E parse(Class<E> type, String text, String kind) {
    for (E field : type.getEnumConstants()) {
      if (field.name().equalsIgnoreCase(text)) {
        return field;
      }
    }
    throw new TaskValidationException(
        "sampledProperty", "unknown " + kind + " field '" + text + "'");
  }

  /**
   * The field with this id byte.
   *
   * @throws TaskValidationException naming {@code sampledProperty}
   */
  static <E extends Enum<E>> E fromId(IntFunction<E> lookup, int id, Class<E> type, String kind) {
    int count = type.getEnumConstants().length;
    if (id < 0 || id >= count) {
      throw new TaskValidationException(
          "sampledProperty", "unknown " + kind + " field id " + id + " (0.." + (count - 1) + ")");
    }
    return lookup.apply(id);
  }
}
