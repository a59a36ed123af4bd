package dev.hdp.cairo.hints;

import dev.hdp.cairo.builtins.EcdsaBuiltinRunner;
import dev.hdp.cairo.builtins.KeccakF;
import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.crypto.StarkCurve;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Relocatable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/**
 * The hints of {@code cairo_keccak} and {@code keccak} (block permutation, finalize padding, input
 * and output splitting, unsafe keccak) plus a few small ones, by their exact code.
 */
final class KeccakHints {
  private KeccakHints() {}

  static final String KECCAK_WRITE_ARGS =
      "segments.write_arg(ids.inputs, [ids.low % 2 ** 64, ids.low // 2 ** 64])\n"
          + "segments.write_arg(ids.inputs + 2, [ids.high % 2 ** 64, ids.high // 2 ** 64])";
  static final String COMPARE_BYTES_IN_WORD_NONDET =
      "memory[ap] = to_felt_or_relocatable(ids.n_bytes < ids.BYTES_IN_WORD)";
  static final String COMPARE_KECCAK_FULL_RATE_IN_BYTES_NONDET =
      "memory[ap] = to_felt_or_relocatable(ids.n_bytes >= ids.KECCAK_FULL_RATE_IN_BYTES)";
  static final String BLOCK_PERMUTATION =
      "from starkware.cairo.common.keccak_utils.keccak_utils import keccak_func\n"
          + "_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)\n"
          + "assert 0 <= _keccak_state_size_felts < 100\n"
          + "\n"
          + "output_values = keccak_func(memory.get_range(\n"
          + "    ids.keccak_ptr - _keccak_state_size_felts, _keccak_state_size_felts))\n"
          + "segments.write_arg(ids.keccak_ptr, output_values)";
  static final String BLOCK_PERMUTATION_V1 =
      "from starkware.cairo.common.cairo_keccak.keccak_utils import keccak_func\n"
          + "_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)\n"
          + "assert 0 <= _keccak_state_size_felts < 100\n"
          + "\n"
          + "output_values = keccak_func(memory.get_range(\n"
          + "    ids.keccak_ptr - _keccak_state_size_felts, _keccak_state_size_felts))\n"
          + "segments.write_arg(ids.keccak_ptr, output_values)";
  static final String BLOCK_PERMUTATION_V2 =
      "from starkware.cairo.common.cairo_keccak.keccak_utils import keccak_func\n"
          + "_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)\n"
          + "assert 0 <= _keccak_state_size_felts < 100\n"
          + "output_values = keccak_func(memory.get_range(\n"
          + "    ids.keccak_ptr_start, _keccak_state_size_felts))\n"
          + "segments.write_arg(ids.output, output_values)";
  static final String CAIRO_KECCAK_INPUT_IS_FULL_WORD = "ids.full_word = int(ids.n_bytes >= 8)";
  static final String CAIRO_KECCAK_FINALIZE_V1 =
      "# Add dummy pairs of input and output.\n"
          + "_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)\n"
          + "_block_size = int(ids.BLOCK_SIZE)\n"
          + "assert 0 <= _keccak_state_size_felts < 100\n"
          + "assert 0 <= _block_size < 10\n"
          + "inp = [0] * _keccak_state_size_felts\n"
          + "padding = (inp + keccak_func(inp)) * _block_size\n"
          + "segments.write_arg(ids.keccak_ptr_end, padding)";
  static final String CAIRO_KECCAK_FINALIZE_V2 =
      "# Add dummy pairs of input and output.\n"
          + "_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)\n"
          + "_block_size = int(ids.BLOCK_SIZE)\n"
          + "assert 0 <= _keccak_state_size_felts < 100\n"
          + "assert 0 <= _block_size < 1000\n"
          + "inp = [0] * _keccak_state_size_felts\n"
          + "padding = (inp + keccak_func(inp)) * _block_size\n"
          + "segments.write_arg(ids.keccak_ptr_end, padding)";
  static final String SPLIT_OUTPUT_0 =
      "ids.output0_low = ids.output0 & ((1 << 128) - 1)\n"
          + "ids.output0_high = ids.output0 >> 128";
  static final String SPLIT_OUTPUT_1 =
      "ids.output1_low = ids.output1 & ((1 << 128) - 1)\n"
          + "ids.output1_high = ids.output1 >> 128";
  static final String SPLIT_N_BYTES =
      "ids.n_words_to_copy, ids.n_bytes_left = divmod(ids.n_bytes, ids.BYTES_IN_WORD)";
  static final String SPLIT_OUTPUT_MID_LOW_HIGH =
      "tmp, ids.output1_low = divmod(ids.output1, 256 ** 7)\n"
          + "ids.output1_high, ids.output1_mid = divmod(tmp, 2 ** 128)";
  static final String NONDET_N_GREATER_THAN_10 = "memory[ap] = to_felt_or_relocatable(ids.n >= 10)";
  static final String NONDET_N_GREATER_THAN_2 = "memory[ap] = to_felt_or_relocatable(ids.n >= 2)";
  static final String UNSAFE_KECCAK =
      "from eth_hash.auto import keccak\n"
          + "\n"
          + "data, length = ids.data, ids.length\n"
          + "\n"
          + "if '__keccak_max_size' in globals():\n"
          + "    assert length <= __keccak_max_size, \\\n"
          + "        f'unsafe_keccak() can only be used with length<={__keccak_max_size}. ' \\\n"
          + "        f'Got: length={length}.'\n"
          + "\n"
          + "keccak_input = bytearray()\n"
          + "for word_i, byte_i in enumerate(range(0, length, 16)):\n"
          + "    word = memory[data + word_i]\n"
          + "    n_bytes = min(16, length - byte_i)\n"
          + "    assert 0 <= word < 2 ** (8 * n_bytes)\n"
          + "    keccak_input += word.to_bytes(n_bytes, 'big')\n"
          + "\n"
          + "hashed = keccak(keccak_input)\n"
          + "ids.high = int.from_bytes(hashed[:16], 'big')\n"
          + "ids.low = int.from_bytes(hashed[16:32], 'big')";
  static final String UNSAFE_KECCAK_FINALIZE =
      "from eth_hash.auto import keccak\n"
          + "keccak_input = bytearray()\n"
          + "n_elms = ids.keccak_state.end_ptr - ids.keccak_state.start_ptr\n"
          + "for word in memory.get_range(ids.keccak_state.start_ptr, n_elms):\n"
          + "    keccak_input += word.to_bytes(16, 'big')\n"
          + "hashed = keccak(keccak_input)\n"
          + "ids.high = int.from_bytes(hashed[:16], 'big')\n"
          + "ids.low = int.from_bytes(hashed[16:32], 'big')";
  static final String GET_FELT_BIT_LENGTH = "x = ids.x\n" + "ids.bit_length = x.bit_length()";
  static final String TEMPORARY_ARRAY = "ids.temporary_array = segments.add_temp_segment()";
  static final String VERIFY_ECDSA_SIGNATURE =
      "ecdsa_builtin.add_signature(ids.ecdsa_ptr.address_, (ids.signature_r, ids.signature_s))";
  static final String EC_MUL_INNER = "memory[ap] = (ids.scalar % PRIME) % 2";
  static final String RECOVER_Y =
      "from starkware.crypto.signature.signature import ALPHA, BETA, FIELD_PRIME\n"
          + "from starkware.python.math_utils import recover_y\n"
          + "ids.p.x = ids.x\n"
          + "# This raises an exception if `x` is not on the curve.\n"
          + "ids.p.y = recover_y(ids.x, ALPHA, BETA, FIELD_PRIME)";

  private static final BigInteger MASK_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger MASK_128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  /** {@code keccak_func}: Keccak-f[1600] over 25 64-bit lanes. */
  static List<BigInteger> keccakFunc(List<BigInteger> values) {
    if (values.size() != 25) {
      throw new HintException("keccak_func needs 25 lanes, got " + values.size());
    }
    long[] lanes = new long[25];
    for (int i = 0; i < 25; i++) {
      if (values.get(i).bitLength() > 64) {
        throw new HintException("keccak lane " + values.get(i) + " exceeds 64 bits");
      }
      lanes[i] = values.get(i).longValue();
    }
    KeccakF.permute(lanes);
    List<BigInteger> out = new ArrayList<>();
    for (long l : lanes) {
      out.add(new BigInteger(Long.toUnsignedString(l)));
    }
    return out;
  }

  private static List<BigInteger> range(HintContext c, Relocatable start, long n) {
    List<BigInteger> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      out.add(c.intAt(start.add(i)));
    }
    return out;
  }

  private static BigInteger bool(boolean b) {
    return b ? BigInteger.ONE : BigInteger.ZERO;
  }

  private static void splitInput(HintProcessor p, int index, int power) {
    String code =
        "ids.high"
            + index
            + ", ids.low"
            + index
            + " = divmod(memory[ids.inputs + "
            + index
            + "], 256"
            + (power == 1 ? "" : " ** " + power)
            + ")";
    p.register(
        code,
        c -> {
          BigInteger[] qr =
              c.intAt(c.idsPtr("inputs").add(index))
                  .divideAndRemainder(BigInteger.valueOf(256).pow(power));
          c.setIds("high" + index, qr[0]);
          c.setIds("low" + index, qr[1]);
        });
  }

  static void registerAll(HintProcessor p) {
    p.register(
        KECCAK_WRITE_ARGS,
        c -> {
          BigInteger low = c.idsInt("low");
          BigInteger high = c.idsInt("high");
          Relocatable inputs = c.idsPtr("inputs");
          c.writeArg(inputs, List.of(low.and(MASK_64), low.shiftRight(64)));
          c.writeArg(inputs.add(2), List.of(high.and(MASK_64), high.shiftRight(64)));
        });
    p.register(
        COMPARE_BYTES_IN_WORD_NONDET,
        c -> c.insertAtAp(bool(c.idsInt("n_bytes").compareTo(c.idsInt("BYTES_IN_WORD")) < 0)));
    p.register(
        COMPARE_KECCAK_FULL_RATE_IN_BYTES_NONDET,
        c ->
            c.insertAtAp(
                bool(c.idsInt("n_bytes").compareTo(c.idsInt("KECCAK_FULL_RATE_IN_BYTES")) >= 0)));
    Hint permutation =
        c -> {
          int size = c.idsInt("KECCAK_STATE_SIZE_FELTS").intValueExact();
          Relocatable ptr = c.idsPtr("keccak_ptr");
          c.writeArg(ptr, keccakFunc(range(c, ptr.add(-size), size)));
        };
    p.register(BLOCK_PERMUTATION, permutation);
    p.register(BLOCK_PERMUTATION_V1, permutation);
    p.register(
        BLOCK_PERMUTATION_V2,
        c -> {
          int size = c.idsInt("KECCAK_STATE_SIZE_FELTS").intValueExact();
          c.writeArg(c.idsPtr("output"), keccakFunc(range(c, c.idsPtr("keccak_ptr_start"), size)));
        });
    p.register(
        CAIRO_KECCAK_INPUT_IS_FULL_WORD,
        c ->
            c.setIds(
                "full_word", c.idsInt("n_bytes").compareTo(BigInteger.valueOf(8)) >= 0 ? 1 : 0));
    Hint finalizePadding =
        c -> {
          int size = c.idsInt("KECCAK_STATE_SIZE_FELTS").intValueExact();
          int blocks = c.idsInt("BLOCK_SIZE").intValueExact();
          List<BigInteger> inp = new ArrayList<>();
          for (int i = 0; i < size; i++) {
            inp.add(BigInteger.ZERO);
          }
          List<BigInteger> pair = new ArrayList<>(inp);
          pair.addAll(keccakFunc(inp));
          List<BigInteger> padding = new ArrayList<>();
          for (int b = 0; b < blocks; b++) {
            padding.addAll(pair);
          }
          c.writeArg(c.idsPtr("keccak_ptr_end"), padding);
        };
    p.register(CAIRO_KECCAK_FINALIZE_V1, finalizePadding);
    p.register(CAIRO_KECCAK_FINALIZE_V2, finalizePadding);
    p.register(
        SPLIT_OUTPUT_0,
        c -> {
          BigInteger v = c.idsInt("output0");
          c.setIds("output0_low", v.and(MASK_128));
          c.setIds("output0_high", v.shiftRight(128));
        });
    p.register(
        SPLIT_OUTPUT_1,
        c -> {
          BigInteger v = c.idsInt("output1");
          c.setIds("output1_low", v.and(MASK_128));
          c.setIds("output1_high", v.shiftRight(128));
        });
    splitInput(p, 3, 1);
    splitInput(p, 6, 2);
    splitInput(p, 9, 3);
    splitInput(p, 12, 4);
    splitInput(p, 15, 5);
    p.register(
        SPLIT_N_BYTES,
        c -> {
          BigInteger[] qr = c.idsInt("n_bytes").divideAndRemainder(c.idsInt("BYTES_IN_WORD"));
          c.setIds("n_words_to_copy", qr[0]);
          c.setIds("n_bytes_left", qr[1]);
        });
    p.register(
        SPLIT_OUTPUT_MID_LOW_HIGH,
        c -> {
          BigInteger[] qr = c.idsInt("output1").divideAndRemainder(BigInteger.valueOf(256).pow(7));
          c.setIds("output1_low", qr[1]);
          BigInteger[] hm = qr[0].divideAndRemainder(BigInteger.ONE.shiftLeft(128));
          c.setIds("output1_high", hm[0]);
          c.setIds("output1_mid", hm[1]);
        });
    p.register(
        NONDET_N_GREATER_THAN_10,
        c -> c.insertAtAp(bool(c.idsInt("n").compareTo(BigInteger.TEN) >= 0)));
    p.register(
        NONDET_N_GREATER_THAN_2,
        c -> c.insertAtAp(bool(c.idsInt("n").compareTo(BigInteger.TWO) >= 0)));
    p.register(
        UNSAFE_KECCAK,
        c -> {
          Relocatable data = c.idsPtr("data");
          long length = c.idsInt("length").longValueExact();
          if (c.scopes().has("__keccak_max_size")) {
            long max = ((Number) c.scopes().get("__keccak_max_size")).longValue();
            if (length > max) {
              throw new HintException(
                  "unsafe_keccak() can only be used with length<="
                      + max
                      + ". Got: length="
                      + length
                      + ".");
            }
          }
          Keccak.Digest256 digest = new Keccak.Digest256();
          for (long wordI = 0, byteI = 0; byteI < length; wordI++, byteI += 16) {
            BigInteger word = c.intAt(data.add(wordI));
            int nBytes = (int) Math.min(16, length - byteI);
            if (word.bitLength() > 8 * nBytes) {
              throw new HintException(
                  "keccak input word " + word + " exceeds " + nBytes + " bytes");
            }
            digest.update(bigEndian(word, nBytes));
          }
          setHighLow(c, digest.digest());
        });
    p.register(
        UNSAFE_KECCAK_FINALIZE,
        c -> {
          Relocatable start = c.idsPtr("keccak_state.start_ptr");
          long n = c.idsPtr("keccak_state.end_ptr").sub(start);
          Keccak.Digest256 digest = new Keccak.Digest256();
          for (BigInteger word : range(c, start, n)) {
            digest.update(bigEndian(word, 16));
          }
          setHighLow(c, digest.digest());
        });
    p.register(GET_FELT_BIT_LENGTH, c -> c.setIds("bit_length", c.idsInt("x").bitLength()));
    p.register(TEMPORARY_ARRAY, c -> c.setIds("temporary_array", c.addTemporarySegment()));
    p.register(
        VERIFY_ECDSA_SIGNATURE,
        c ->
            ((EcdsaBuiltinRunner) c.builtin("ecdsa"))
                .addSignature(
                    c.idsAddressOf("ecdsa_ptr"), c.idsInt("signature_r"), c.idsInt("signature_s")));
    p.register(EC_MUL_INNER, c -> c.insertAtAp(c.idsInt("scalar").mod(BigInteger.TWO)));
    p.register(
        RECOVER_Y,
        c -> {
          Felt252 x = c.idsFelt("x");
          Felt252 y =
              StarkCurve.recoverY(x)
                  .orElseThrow(
                      () -> new HintException("x = " + x.toBigInteger() + " is not on the curve"));
          // Python's sqrt returns the smaller of the two roots.
          Felt252 other = y.neg();
          Felt252 smaller = y.toBigInteger().compareTo(other.toBigInteger()) <= 0 ? y : other;
          c.setIds("p.x", new MaybeRelocatable.Int(x));
          c.setIds("p.y", new MaybeRelocatable.Int(smaller));
        });
  }

  private static byte[] bigEndian(BigInteger v, int n) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[n];
    int len = Math.min(raw.length, n);
    System.arraycopy(raw, raw.length - len, out, n - len, len);
    return out;
  }

  private static void setHighLow(HintContext c, byte[] hash) {
    c.setIds("high", new BigInteger(1, java.util.Arrays.copyOfRange(hash, 0, 16)));
    c.setIds("low", new BigInteger(1, java.util.Arrays.copyOfRange(hash, 16, 32)));
  }
}
