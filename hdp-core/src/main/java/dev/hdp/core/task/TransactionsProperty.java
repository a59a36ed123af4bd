package dev.hdp.core.task;

import dev.hdp.core.bytes.Hex;
import dev.hdp.core.chain.ReceiptField;
import dev.hdp.core.chain.TransactionField;
import java.util.Locale;

/**
 * What a transactions-in-block datalake reads from each selected transaction: a transaction field
 * ({@code 0x01‖field}, text {@code tx.<field>}) or a receipt field ({@code 0x02‖field}, text {@code
 * tx_receipt.<field>}) (hdp.md §2.4).
 */
public sealed interface TransactionsProperty {
  /** The two property bytes inside the datalake encoding. */
  byte[] encode();

  /** HDP's text form, lowercase. */
  String text();

  /**
   * HDP's {@code property_type} of the processed task. For transaction datalakes HDP writes the
   * field id here, not the kind (a quirk the Cairo input keeps).
   */
  int propertyType();

  /** A field of the transaction itself. */
  record Transaction(TransactionField field) implements TransactionsProperty {
    public Transaction {
      if (field == null) {
        throw new TaskValidationException("sampledProperty", "transaction field is missing");
      }
    }

    @Override
    public byte[] encode() {
      return new byte[] {1, (byte) field.id()};
    }

    @Override
    public String text() {
      return "tx." + FieldNames.text(field);
    }

    @Override
    public int propertyType() {
      return field.id();
    }
  }

  /** A field of the transaction's receipt. */
  record Receipt(ReceiptField field) implements TransactionsProperty {
    public Receipt {
      if (field == null) {
        throw new TaskValidationException("sampledProperty", "receipt field is missing");
      }
    }

    @Override
    public byte[] encode() {
      return new byte[] {2, (byte) field.id()};
    }

    @Override
    public String text() {
      return "tx_receipt." + FieldNames.text(field);
    }

    @Override
    public int propertyType() {
      return field.id();
    }
  }

  /**
   * Decodes the two property bytes strictly.
   *
   * @throws TaskValidationException naming {@code sampledProperty}
   */
  static TransactionsProperty decode(byte[] bytes) {
    if (bytes.length != 2) {
      throw new TaskValidationException(
          "sampledProperty",
          "a transaction property has 2 bytes, got "
              + bytes.length
              + ": "
              + Hex.abbreviate(Hex.encode(bytes)));
    }
    return switch (bytes[0]) {
      case 1 ->
          new Transaction(
              FieldNames.fromId(
                  TransactionField::fromId,
                  bytes[1] & 0xff,
                  TransactionField.class,
                  "transaction"));
      case 2 ->
          new Receipt(
              FieldNames.fromId(
                  ReceiptField::fromId, bytes[1] & 0xff, ReceiptField.class, "receipt"));
      default ->
          throw new TaskValidationException(
              "sampledProperty", "unknown kind byte " + bytes[0] + " (1 transaction, 2 receipt)");
    };
  }

  /**
   * Parses {@code tx.<field>} or {@code tx_receipt.<field>}, any letter case.
   *
   * @throws TaskValidationException naming {@code sampledProperty}
   */
  static TransactionsProperty parse(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length == 2) {
      switch (parts[0].toLowerCase(Locale.ROOT)) {
        case "tx" -> {
          return new Transaction(FieldNames.parse(TransactionField.class, parts[1], "transaction"));
        }
        case "tx_receipt" -> {
          return new Receipt(FieldNames.parse(ReceiptField.class, parts[1], "receipt"));
        }
        default -> {}
      }
    }
    throw new TaskValidationException(
        "sampledProperty", "'" + text + "' is not tx.<field> or tx_receipt.<field>");
  }
}
