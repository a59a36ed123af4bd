package dev.hdp.cairo.hints;

import static dev.hdp.cairo.hints.CommonHintCodes.*;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Relocatable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Java implementations of StarkWare's common-library hints, keyed by their exact code. */
public final class CommonHints {
  static final BigInteger PRIME = Felt252.PRIME;
  static final BigInteger RC_BOUND = BigInteger.ONE.shiftLeft(128);
  private static final BigInteger MASK_128 = RC_BOUND.subtract(BigInteger.ONE);
  private static final BigInteger MASK_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private CommonHints() {}

  /** Python's {@code as_int}: values above p/2 are negative. */
  static BigInteger asInt(BigInteger v) {
    return v.compareTo(PRIME.shiftRight(1)) > 0 ? v.subtract(PRIME) : v;
  }

  private static MaybeRelocatable bool(boolean b) {
    return MaybeRelocatable.of(b ? 1 : 0);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new HintException(message);
    }
  }

  /** Registers every hint of this class. */
  static void registerAll(HintProcessor p) {
    p.register(ALLOC, c -> c.insertAtAp(c.addSegment()));
    p.register(
        RELOCATE_SEGMENT,
        c -> c.memory().addRelocationRule(c.idsPtr("src_ptr"), c.idsPtr("dest_ptr")));

    // memcpy / memset
    p.register(MEMCPY, c -> c.enterScope(Map.of("n", c.idsInt("len"))));
    p.register(MEMSET, c -> c.enterScope(Map.of("n", c.idsInt("n"))));
    p.register(MEMCPY_2, c -> c.setIds("continue_copying", decrementN(c)));
    p.register(MEMSET_2, c -> c.setIds("continue_loop", decrementN(c)));
    p.register(MEMCPY_3, HintContext::exitScope);

    // math
    p.register(
        ASSERT_NN,
        c -> {
          BigInteger a = c.idsInt("a");
          require(a.compareTo(RC_BOUND) < 0, "a = " + a + " is out of range.");
        });
    p.register(
        ASSERT_NOT_ZERO,
        c ->
            require(
                c.idsInt("value").signum() != 0,
                "assert_not_zero failed: " + c.idsInt("value") + " = 0."));
    p.register(
        ASSERT_NOT_EQUAL,
        c -> {
          MaybeRelocatable a = c.ids("a");
          MaybeRelocatable b = c.ids("b");
          boolean comparable =
              (a instanceof MaybeRelocatable.Int && b instanceof MaybeRelocatable.Int)
                  || (a instanceof Relocatable ra
                      && b instanceof Relocatable rb
                      && ra.segment() == rb.segment());
          require(
              comparable, "assert_not_equal failed: non-comparable values: " + a + ", " + b + ".");
          require(!a.equals(b), "assert_not_equal failed: " + a + " = " + b + ".");
        });
    p.register(
        ASSERT_250_BIT,
        c -> {
          BigInteger value = c.idsInt("value");
          require(
              value.compareTo(c.constant("UPPER_BOUND")) < 0,
              value + " is outside of the range [0, 2**250).");
          BigInteger[] qr = value.divideAndRemainder(c.constant("SHIFT"));
          c.setIds("high", qr[0]);
          c.setIds("low", qr[1]);
        });
    p.register(
        SPLIT_FELT,
        c -> {
          BigInteger value = c.idsInt("value");
          c.setIds("low", value.and(MASK_128));
          c.setIds("high", value.shiftRight(128));
        });
    p.register(
        ASSERT_LE_FELT,
        c -> {
          BigInteger a = c.idsInt("a");
          BigInteger b = c.idsInt("b");
          require(a.compareTo(b) <= 0, "a = " + a + " is not less than or equal to b = " + b + ".");
          BigInteger[][] arcs = {
            {a, BigInteger.ZERO},
            {b.subtract(a), BigInteger.ONE},
            {PRIME.subtract(BigInteger.ONE).subtract(b), BigInteger.TWO}
          };
          java.util.Arrays.sort(
              arcs,
              (x, y) -> x[0].compareTo(y[0]) != 0 ? x[0].compareTo(y[0]) : x[1].compareTo(y[1]));
          require(
              arcs[0][0].compareTo(PRIME.divide(BigInteger.valueOf(3))) <= 0
                  && arcs[1][0].compareTo(PRIME.shiftRight(1)) <= 0,
              "assert_le_felt: arcs too long");
          c.scopes().set("excluded", arcs[2][1].intValue());
          Relocatable rc = c.idsPtr("range_check_ptr");
          BigInteger[] qr0 = arcs[0][0].divideAndRemainder(c.idsInt("PRIME_OVER_3_HIGH"));
          BigInteger[] qr1 = arcs[1][0].divideAndRemainder(c.idsInt("PRIME_OVER_2_HIGH"));
          c.memory().set(rc.add(1), MaybeRelocatable.of(qr0[0]));
          c.memory().set(rc, MaybeRelocatable.of(qr0[1]));
          c.memory().set(rc.add(3), MaybeRelocatable.of(qr1[0]));
          c.memory().set(rc.add(2), MaybeRelocatable.of(qr1[1]));
        });
    p.register(
        ASSERT_LE_FELT_2, c -> c.insertAtAp(bool((Integer) c.scopes().require("excluded") != 0)));
    p.register(
        ASSERT_LE_FELT_3, c -> c.insertAtAp(bool((Integer) c.scopes().require("excluded") != 1)));
    p.register(
        ASSERT_LE_FELT_4,
        c -> require((Integer) c.scopes().require("excluded") == 2, "excluded != 2"));
    p.register(
        ASSERT_LT_FELT,
        c ->
            require(
                c.idsInt("a").compareTo(c.idsInt("b")) < 0,
                "a = " + c.idsInt("a") + " is not less than b = " + c.idsInt("b") + "."));
    Hint isPositive =
        c -> {
          BigInteger v = asInt(c.idsInt("value"));
          require(v.abs().compareTo(RC_BOUND) < 0, "value = " + v + " is out of the valid range.");
          c.setIds("is_positive", v.signum() > 0 ? 1 : 0);
        };
    p.register(ABS_VALUE, isPositive);
    p.register(
        UNSIGNED_DIV_REM,
        c -> {
          BigInteger div = c.idsInt("div");
          require(
              div.signum() > 0 && div.compareTo(PRIME.divide(RC_BOUND)) <= 0,
              "div=0x" + div.toString(16) + " is out of the valid range.");
          BigInteger[] qr = c.idsInt("value").divideAndRemainder(div);
          c.setIds("q", qr[0]);
          c.setIds("r", qr[1]);
        });
    p.register(
        SIGNED_DIV_REM,
        c -> {
          BigInteger div = c.idsInt("div");
          require(
              div.signum() > 0 && div.compareTo(PRIME.divide(RC_BOUND)) <= 0,
              "div=0x" + div.toString(16) + " is out of the valid range.");
          BigInteger bound = c.idsInt("bound");
          require(
              bound.compareTo(RC_BOUND.shiftRight(1)) <= 0,
              "bound=0x" + bound.toString(16) + " is out of the valid range.");
          BigInteger value = asInt(c.idsInt("value"));
          BigInteger q = floorDiv(value, div);
          BigInteger r = value.subtract(q.multiply(div));
          require(
              q.compareTo(bound.negate()) >= 0 && q.compareTo(bound) < 0,
              value
                  + " / "
                  + div
                  + " = "
                  + q
                  + " is out of the range ["
                  + bound.negate()
                  + ", "
                  + bound
                  + ").");
          c.setIds("r", r);
          c.setIds("biased_q", q.add(bound));
        });
    p.register(
        SPLIT_INT,
        c -> require(c.idsInt("value").signum() == 0, "split_int(): value is out of range."));
    p.register(
        SPLIT_INT_2,
        c -> {
          BigInteger res = c.idsInt("value").mod(c.idsInt("base"));
          c.memory().set(c.idsPtr("output"), MaybeRelocatable.of(res));
          require(
              res.compareTo(c.idsInt("bound")) < 0,
              "split_int(): Limb " + res + " is out of range.");
        });
    p.register(
        SQRT,
        c -> {
          BigInteger value = c.idsInt("value");
          require(
              value.bitLength() <= 250, "value=" + value + " is outside of the range [0, 2**250).");
          c.setIds("root", value.sqrt());
        });
    p.register(
        IS_QUAD_RESIDUE,
        c -> {
          Felt252 x = c.idsFelt("x");
          var root = x.sqrt();
          if (root.isPresent()) {
            c.setIds("y", new MaybeRelocatable.Int(root.get()));
          } else {
            c.setIds("y", new MaybeRelocatable.Int(x.div(Felt252.of(3)).sqrt().orElseThrow()));
          }
        });
    p.register(IS_NN, c -> c.insertAtAp(bool(c.idsInt("a").compareTo(RC_BOUND) >= 0)));
    p.register(
        IS_NN_2,
        c ->
            c.insertAtAp(
                bool(
                    c.idsInt("a").negate().subtract(BigInteger.ONE).mod(PRIME).compareTo(RC_BOUND)
                        >= 0)));
    p.register(IS_LE_FELT, c -> c.insertAtAp(bool(c.idsInt("a").compareTo(c.idsInt("b")) > 0)));
    p.register(POW, c -> c.setIds("locs.bit", c.idsInt("prev_locs.exp").testBit(0) ? 1 : 0));
    p.register(
        SIGNED_POW,
        c -> require(c.idsInt("base").signum() != 0, "Cannot raise 0 to a negative power."));

    // poseidon
    p.register(
        POSEIDON_HASH_MANY,
        c -> c.insertAtAp(bool(c.idsPtr("elements_end").sub(c.idsPtr("elements")) >= 10)));
    p.register(
        POSEIDON_HASH_MANY_2,
        c -> c.insertAtAp(bool(c.idsPtr("elements_end").sub(c.idsPtr("elements")) >= 2)));

    // uint256
    p.register(
        UINT256_ADD,
        c -> {
          BigInteger shift = c.constant("SHIFT");
          BigInteger sumLow = c.idsInt("a.low").add(c.idsInt("b.low"));
          int carryLow = sumLow.compareTo(shift) >= 0 ? 1 : 0;
          c.setIds("carry_low", carryLow);
          BigInteger sumHigh =
              c.idsInt("a.high").add(c.idsInt("b.high")).add(BigInteger.valueOf(carryLow));
          c.setIds("carry_high", sumHigh.compareTo(shift) >= 0 ? 1 : 0);
        });
    p.register(
        SPLIT_64,
        c -> {
          BigInteger a = c.idsInt("a");
          c.setIds("low", a.and(MASK_64));
          c.setIds("high", a.shiftRight(64));
        });
    p.register(
        UINT256_SQRT,
        c -> {
          BigInteger n = c.idsInt("n.high").shiftLeft(128).add(c.idsInt("n.low"));
          BigInteger root = n.sqrt();
          require(root.bitLength() <= 128, "root out of range");
          c.setIds("root.low", root);
          c.setIds("root.high", 0);
        });
    p.register(
        UINT256_SIGNED_NN,
        c -> c.insertAtAp(bool(c.idsInt("a.high").compareTo(BigInteger.ONE.shiftLeft(127)) < 0)));
    p.register(
        UINT256_UNSIGNED_DIV_REM,
        c -> {
          BigInteger a = uint256(c, "a");
          BigInteger div = uint256(c, "div");
          BigInteger[] qr = a.divideAndRemainder(div);
          setUint256(c, "quotient", qr[0]);
          setUint256(c, "remainder", qr[1]);
        });
    p.register(
        UINT256_MUL_DIV_MOD,
        c -> {
          BigInteger[] qr =
              uint256(c, "a").multiply(uint256(c, "b")).divideAndRemainder(uint256(c, "div"));
          c.setIds("quotient_low.low", qr[0].and(MASK_128));
          c.setIds("quotient_low.high", qr[0].shiftRight(128).and(MASK_128));
          c.setIds("quotient_high.low", qr[0].shiftRight(256).and(MASK_128));
          c.setIds("quotient_high.high", qr[0].shiftRight(384));
          setUint256(c, "remainder", qr[1]);
        });

    // blake2s felt encoding
    p.register(
        ENCODE_FELT252_TO_U32S,
        c -> {
          Relocatable packed = c.idsPtr("packed_values");
          Relocatable out = c.idsPtr("unpacked_u32s");
          long n = c.idsInt("packed_values_len").longValueExact();
          BigInteger two32 = BigInteger.ONE.shiftLeft(32);
          long offset = 0;
          for (long i = 0; i < n; i++) {
            BigInteger val = c.intAt(packed.add(i));
            int len = val.bitLength() <= 63 ? 2 : 8;
            if (len == 8) {
              val = val.add(BigInteger.ONE.shiftLeft(255));
            }
            for (int j = len - 1; j >= 0; j--) {
              BigInteger[] qr = val.divideAndRemainder(two32);
              c.memory().set(out.add(offset + j), MaybeRelocatable.of(qr[1]));
              val = qr[0];
            }
            require(val.signum() == 0, "assert val == 0");
            offset += len;
          }
        });
    p.register(
        ENCODE_FELT252_TO_U32S_2,
        c -> {
          Relocatable end = c.idsPtr("end");
          Relocatable packed = c.idsPtr("packed_values");
          c.insertAtAp(bool(!end.equals(packed) && c.intAt(packed).bitLength() <= 63));
        });

    // find_element
    p.register(FIND_ELEMENT, CommonHints::findElement);
    p.register(SEARCH_SORTED_LOWER, c -> searchSorted(c, false));
    p.register(SEARCH_SORTED_OPTIMISTIC, c -> searchSorted(c, true));

    // usort
    p.register(
        USORT,
        c -> {
          Map<String, Object> vars = new java.util.HashMap<>();
          vars.put("__usort_max_size", c.scopes().get("__usort_max_size"));
          c.enterScope(vars);
        });
    p.register(USORT_2, CommonHints::usort);
    p.register(
        VERIFY_USORT,
        c -> {
          c.scopes().set("last_pos", 0L);
          @SuppressWarnings("unchecked") // stored by USORT_2
          Map<BigInteger, List<Long>> positions =
              (Map<BigInteger, List<Long>>) c.scopes().require("positions_dict");
          List<Long> list = new ArrayList<>(positions.getOrDefault(c.idsInt("value"), List.of()));
          java.util.Collections.reverse(list);
          c.scopes().set("positions", list);
        });
    p.register(
        VERIFY_MULTIPLICITY,
        c ->
            require(
                ((List<?>) c.scopes().require("positions")).isEmpty(), "positions is not empty"));
    p.register(
        VERIFY_MULTIPLICITY_2,
        c -> {
          @SuppressWarnings("unchecked") // stored by VERIFY_USORT
          List<Long> positions = (List<Long>) c.scopes().require("positions");
          long current = positions.removeLast();
          long last = (Long) c.scopes().require("last_pos");
          c.setIds("next_item_index", current - last);
          c.scopes().set("last_pos", current + 1);
        });
  }

  private static long decrementN(HintContext c) {
    Object n = c.scopes().require("n");
    BigInteger next = ((BigInteger) n).subtract(BigInteger.ONE);
    c.scopes().set("n", next);
    return next.signum() > 0 ? 1 : 0;
  }

  private static BigInteger floorDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  private static BigInteger uint256(HintContext c, String name) {
    return c.idsInt(name + ".high").shiftLeft(128).add(c.idsInt(name + ".low"));
  }

  private static void setUint256(HintContext c, String name, BigInteger v) {
    c.setIds(name + ".low", v.and(MASK_128));
    c.setIds(name + ".high", v.shiftRight(128));
  }

  private static void findElement(HintContext c) {
    Relocatable array = c.idsPtr("array_ptr");
    long elmSize = c.idsInt("elm_size").longValueExact();
    require(elmSize > 0, "Invalid value for elm_size. Got: " + elmSize + ".");
    MaybeRelocatable key = c.ids("key");
    if (c.scopes().has("__find_element_index")) {
      long index = ((Number) c.scopes().get("__find_element_index")).longValue();
      c.setIds("index", index);
      MaybeRelocatable found = c.memory().get(array.add(elmSize * index));
      require(
          key.equals(found),
          "Invalid index found in __find_element_index. index: "
              + index
              + ", expected key "
              + key
              + ", found key: "
              + found
              + ".");
      c.scopes().remove("__find_element_index");
      return;
    }
    long n = c.idsInt("n_elms").longValueExact();
    if (c.scopes().has("__find_element_max_size")) {
      long max = ((Number) c.scopes().get("__find_element_max_size")).longValue();
      require(
          n <= max,
          "find_element() can only be used with n_elms<=" + max + ". Got: n_elms=" + n + ".");
    }
    for (long i = 0; i < n; i++) {
      if (key.equals(c.memory().get(array.add(elmSize * i)))) {
        c.setIds("index", i);
        return;
      }
    }
    throw new HintException("Key " + key + " was not found.");
  }

  private static void searchSorted(HintContext c, boolean optimistic) {
    Relocatable array = c.idsPtr("array_ptr");
    long elmSize = c.idsInt("elm_size").longValueExact();
    require(elmSize > 0, "Invalid value for elm_size. Got: " + elmSize + ".");
    long n = c.idsInt("n_elms").longValueExact();
    BigInteger key = c.idsInt("key");
    for (long i = 0; i < n; i++) {
      BigInteger v = c.intAt(array.add(elmSize * i));
      if (v.compareTo(key) >= 0) {
        c.setIds("index", i);
        if (optimistic) {
          c.setIds("exists", v.equals(key) ? 1 : 0);
        }
        return;
      }
    }
    c.setIds("index", n);
    if (optimistic) {
      c.setIds("exists", 0);
    }
  }

  private static void usort(HintContext c) {
    Relocatable input = c.idsPtr("input");
    long len = c.idsInt("input_len").longValueExact();
    Object max = c.scopes().get("__usort_max_size");
    if (max != null) {
      require(
          len <= ((Number) max).longValue(),
          "usort() can only be used with input_len<=" + max + ". Got: input_len=" + len + ".");
    }
    TreeMap<BigInteger, List<Long>> positions = new TreeMap<>();
    for (long i = 0; i < len; i++) {
      positions.computeIfAbsent(c.intAt(input.add(i)), k -> new ArrayList<>()).add(i);
    }
    c.scopes().set("positions_dict", positions);
    List<BigInteger> output = new ArrayList<>(positions.keySet());
    c.setIds("output_len", output.size());
    c.setIds("output", c.genArg(output));
    List<Object> multiplicities = new ArrayList<>();
    for (BigInteger k : output) {
      multiplicities.add((long) positions.get(k).size());
    }
    c.setIds("multiplicities", c.genArg(multiplicities));
  }
}
