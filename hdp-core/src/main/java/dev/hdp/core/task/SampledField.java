package dev.hdp.core.task;

/** A field a datalake can sample: its one-byte id in the encoding and its name in the text form. */
public sealed interface SampledField
    permits HeaderField, AccountField, TransactionField, ReceiptField {
  /** The id byte in the sampled property encoding. */
  int id();

  /** The lowercase name used in the text form, e.g. {@code base_fee_per_gas}. */
  String text();
}
