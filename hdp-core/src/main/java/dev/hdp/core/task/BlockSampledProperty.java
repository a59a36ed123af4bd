package dev.hdp.core.task;

import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.chain.AccountField;
import dev.hdp.core.chain.HeaderField;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a block-sampled datalake reads in each block: a header field, an account field, or a storage
 * slot. Encoded as {@code 0x01‖field} (2 bytes), {@code 0x02‖address‖field} (22 bytes) or {@code
 * 0x03‖address‖slot} (53 bytes); written as {@code header.<field>}, {@code
 * account.<0xaddress>.<field>} or {@code storage.<0xaddress>.<0xslot>} (hdp.md §2.3).
 */
public sealed interface BlockSampledProperty {
  /** The property bytes inside the datalake encoding. */
  byte[] encode();

  /** HDP's text form, lowercase. */
  String text();

  /** HDP's {@code property_type} of the processed task: 1 header, 2 account, 3 storage. */
  int propertyType();

  /** A header field of the sampled block. */
  record Header(HeaderField field) implements BlockSampledProperty {
    public Header {
      require(field != null, "header field is missing");
    }

    @Override
    public byte[] encode() {
      return new byte[] {1, (byte) field.id()};
    }

    @Override
    public String text() {
      return "header." + FieldNames.text(field);
    }

    @Override
    public int propertyType() {
      return 1;
    }
  }

  /** A field of an account's state at the sampled block. */
  record Account(Address address, AccountField field) implements BlockSampledProperty {
    public Account {
      require(address != null && field != null, "account address or field is missing");
    }

    @Override
    public byte[] encode() {
      byte[] out = new byte[22];
      out[0] = 2;
      System.arraycopy(address.toArray(), 0, out, 1, 20);
      out[21] = (byte) field.id();
      return out;
    }

    @Override
    public String text() {
      return "account." + address.toHex() + "." + FieldNames.text(field);
    }

    @Override
    public int propertyType() {
      return 2;
    }
  }

  /** A storage slot of an account at the sampled block. */
  record Storage(Address address, Bytes32 slot) implements BlockSampledProperty {
    public Storage {
      require(address != null && slot != null, "storage address or slot is missing");
    }

    @Override
    public byte[] encode() {
      byte[] out = new byte[53];
      out[0] = 3;
      System.arraycopy(address.toArray(), 0, out, 1, 20);
      slot.copyTo(out, 21);
      return out;
    }

    @Override
    public String text() {
      return "storage." + address.toHex() + "." + slot.toHex();
    }

    @Override
    public int propertyType() {
      return 3;
    }
  }

  /**
   * Decodes the property bytes strictly (exact lengths 2, 22, 53; known field ids).
   *
   * @throws TaskValidationException naming {@code sampledProperty}
   */
  static BlockSampledProperty decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw invalid("empty");
    }
    int kind = bytes[0];
    int expected =
        switch (kind) {
          case 1 -> 2;
          case 2 -> 22;
          case 3 -> 53;
          default ->
              throw invalid("unknown kind byte " + kind + " (1 header, 2 account, 3 storage)");
        };
    if (bytes.length != expected) {
      throw invalid(
          "kind "
              + kind
              + " needs "
              + expected
              + " bytes, got "
              + bytes.length
              + ": "
              + Hex.abbreviate(Hex.encode(bytes)));
    }
    return switch (kind) {
      case 1 ->
          new Header(
              FieldNames.fromId(HeaderField::fromId, bytes[1] & 0xff, HeaderField.class, "header"));
      case 2 ->
          new Account(
              Address.of(Arrays.copyOfRange(bytes, 1, 21)),
              FieldNames.fromId(
                  AccountField::fromId, bytes[21] & 0xff, AccountField.class, "account"));
      default ->
          new Storage(
              Address.of(Arrays.copyOfRange(bytes, 1, 21)),
              Bytes32.of(Arrays.copyOfRange(bytes, 21, 53)));
    };
  }

  /**
   * Parses the text form: kind and field names in any letter case; a 40-digit address and a
   * 64-digit slot, both with {@code 0x}.
   *
   * @throws TaskValidationException naming {@code sampledProperty}
   */
  static BlockSampledProperty parse(String text) {
    String[] parts = text.split("\\.", -1);
    String kind = parts[0].toLowerCase(Locale.ROOT);
    switch (kind) {
      case "header" -> {
        if (parts.length == 2) {
          return new Header(FieldNames.parse(HeaderField.class, parts[1], "header"));
        }
      }
      case "account" -> {
        if (parts.length == 3) {
          return new Account(
              address(parts[1]), FieldNames.parse(AccountField.class, parts[2], "account"));
        }
      }
      case "storage" -> {
        if (parts.length == 3) {
          return new Storage(address(parts[1]), slot(parts[2]));
        }
      }
      default ->
          throw invalid(
              "unknown kind '" + parts[0] + "' in '" + text + "' (header, account or storage)");
    }
    throw invalid(
        "'"
            + text
            + "' is not header.<field>, account.<0xaddress>.<field> or"
            + " storage.<0xaddress>.<0xslot>");
  }

  private static Address address(String hex) {
    if (!hex.startsWith("0x") && !hex.startsWith("0X")) {
      throw invalid("address '" + hex + "' needs a 0x prefix");
    }
    try {
      return Address.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw invalid("bad address: " + e.getMessage());
    }
  }

  private static Bytes32 slot(String hex) {
    if (!hex.startsWith("0x") && !hex.startsWith("0X")) {
      throw invalid("storage slot '" + hex + "' needs a 0x prefix");
    }
    try {
      return Bytes32.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw invalid("bad storage slot (32 bytes of hex): " + e.getMessage());
    }
  }

  private static void require(boolean ok, String reason) {
    if (!ok) {
      throw invalid(reason);
    }
  }

  private static TaskValidationException invalid(String reason) {
    return new TaskValidationException("sampledProperty", reason);
  }
}
