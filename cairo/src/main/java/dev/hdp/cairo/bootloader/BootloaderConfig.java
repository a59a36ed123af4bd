package dev.hdp.cairo.bootloader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.crypto.Pedersen;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The bootloader's configuration ({@code BootloaderConfig} of cairo-lang 0.14's {@code
 * run_bootloader.cairo}): the program hashes of the simple bootloader a composite task's verifier
 * may have verified, the program hashes of the supported Cairo verifiers, and the applicative
 * bootloader's program hash.
 */
public record BootloaderConfig(
    List<BigInteger> supportedSimpleBootloaderHashes,
    List<BigInteger> supportedCairoVerifierProgramHashes,
    BigInteger applicativeBootloaderProgramHash) {
  /** The fields of the JSON object. */
  public static final Set<String> FIELDS =
      Set.of(
          "supported_simple_bootloader_hash_list",
          "supported_cairo_verifier_program_hashes",
          "applicative_bootloader_program_hash");

  /** The number of output words the config takes ({@code BOOTLOADER_CONFIG_SIZE}). */
  public static final int OUTPUT_SIZE = 3;

  public BootloaderConfig {
    supportedSimpleBootloaderHashes = List.copyOf(supportedSimpleBootloaderHashes);
    supportedCairoVerifierProgramHashes = List.copyOf(supportedCairoVerifierProgramHashes);
    for (BigInteger h : supportedSimpleBootloaderHashes) {
      checkFelt(h, "supported_simple_bootloader_hash_list");
    }
    for (BigInteger h : supportedCairoVerifierProgramHashes) {
      checkFelt(h, "supported_cairo_verifier_program_hashes");
    }
    checkFelt(applicativeBootloaderProgramHash, "applicative_bootloader_program_hash");
  }

  /**
   * Parses the config object: all three fields are required, hashes are non-negative integers below
   * the field prime, as JSON numbers or {@code 0x} hex strings; other fields are errors.
   *
   * @param where the config's name in messages, e.g. {@code bootloader_config}
   */
  public static BootloaderConfig parse(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      throw new BootloaderInputException(where + ": missing field");
    }
    if (!node.isObject()) {
      throw new BootloaderInputException(where + ": expected an object, got " + node.getNodeType());
    }
    JsonFields.checkFields(node, FIELDS, where);
    return new BootloaderConfig(
        JsonFields.felts(
            node.get("supported_simple_bootloader_hash_list"),
            where + ".supported_simple_bootloader_hash_list"),
        JsonFields.felts(
            node.get("supported_cairo_verifier_program_hashes"),
            where + ".supported_cairo_verifier_program_hashes"),
        JsonFields.felt(
            node.get("applicative_bootloader_program_hash"),
            where + ".applicative_bootloader_program_hash"));
  }

  /**
   * What the config hint writes with {@code segments.gen_arg}: the {@code BootloaderConfig} struct
   * (length, pointer to the list, length, pointer to the list, applicative hash).
   */
  public List<Object> cairoStruct() {
    return List.of(
        BigInteger.valueOf(supportedSimpleBootloaderHashes.size()),
        supportedSimpleBootloaderHashes,
        BigInteger.valueOf(supportedCairoVerifierProgramHashes.size()),
        supportedCairoVerifierProgramHashes,
        applicativeBootloaderProgramHash);
  }

  /**
   * The words {@code serialize_bootloader_config} outputs: {@code hash_felts} (Pedersen) of the
   * simple bootloader hashes, the applicative bootloader hash, {@code hash_felts} of the verifier
   * hashes.
   */
  public List<BigInteger> outputWords() {
    return List.of(
        hashFelts(supportedSimpleBootloaderHashes),
        applicativeBootloaderProgramHash,
        hashFelts(supportedCairoVerifierProgramHashes));
  }

  private static BigInteger hashFelts(List<BigInteger> values) {
    List<Felt252> felts = new ArrayList<>();
    for (BigInteger v : values) {
      felts.add(Felt252.of(v));
    }
    return Pedersen.hashOnElements(felts).toBigInteger();
  }

  private static void checkFelt(BigInteger value, String field) {
    if (value == null || value.signum() < 0 || value.compareTo(Felt252.PRIME) >= 0) {
      throw new IllegalArgumentException(field + ": " + value + " is not a field element");
    }
  }
}
