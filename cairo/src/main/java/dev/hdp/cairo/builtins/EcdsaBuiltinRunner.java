package dev.hdp.cairo.builtins;

import dev.hdp.cairo.crypto.StarkCurve;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.cairo.vm.Word;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ecdsa builtin: cells (public key x, message). A hint supplies the signature ({@link
 * #addSignature}); once both cells are written the signature must verify.
 */
public final class EcdsaBuiltinRunner extends BuiltinRunner {
  private final TreeMap<Relocatable, BigInteger[]> signatures = new TreeMap<>();

  public EcdsaBuiltinRunner(boolean included, int ratio) {
    super("ecdsa", 2, 2, included, ratio);
  }

  /** Records the signature (r, s) for the instance starting at {@code address}. */
  public void addSignature(Relocatable address, BigInteger r, BigInteger s) {
    if (address.segment() != segmentIndex()) {
      throw new VmException("signature address " + address + " is not in the ecdsa segment");
    }
    signatures.put(address, new BigInteger[] {r, s});
  }

  public Map<Relocatable, BigInteger[]> signatures() {
    return java.util.Collections.unmodifiableMap(signatures);
  }

  @Override
  public void validate(Memory memory, int segment, long offset) {
    long start = offset - offset % 2;
    Word pub = new Word();
    Word msg = new Word();
    if (!memory.load(segment, start, pub) || !memory.load(segment, start + 1, msg)) {
      return;
    }
    if (pub.kind != Word.INT || msg.kind != Word.INT) {
      throw new VmException("ecdsa builtin: cells at " + segment + ":" + start + " must be felts");
    }
    BigInteger[] sig = signatures.get(new Relocatable(segment, start));
    if (sig == null) {
      throw new VmException("ecdsa builtin: no signature for " + segment + ":" + start);
    }
    if (!StarkCurve.verifyEcdsa(pub.toFelt(), msg.toFelt(), sig[0], sig[1])) {
      throw new VmException(
          "ecdsa builtin: signature ("
              + sig[0]
              + ", "
              + sig[1]
              + ") is invalid for public key "
              + pub
              + " and message "
              + msg);
    }
  }

  @Override
  public void verifyAutoDeductions(Memory memory) {}

  @Override
  public Object additionalData() {
    List<Object> out = new ArrayList<>();
    signatures.forEach(
        (addr, sig) ->
            out.add(List.of(List.of(addr.segment(), addr.offset()), List.of(sig[0], sig[1]))));
    return out;
  }

  @Override
  public void loadAdditionalData(Object data) {
    if (!(data instanceof List<?> list)) {
      throw new VmException("ecdsa_builtin additional data must be a list");
    }
    for (Object item : list) {
      List<?> pair = (List<?>) item;
      List<?> addr = (List<?>) pair.get(0);
      List<?> sig = (List<?>) pair.get(1);
      signatures.put(
          new Relocatable(((Number) addr.get(0)).intValue(), ((Number) addr.get(1)).longValue()),
          new BigInteger[] {
            new BigInteger(sig.get(0).toString()), new BigInteger(sig.get(1).toString())
          });
    }
  }
}
