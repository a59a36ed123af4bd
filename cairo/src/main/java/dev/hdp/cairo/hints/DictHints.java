package dev.hdp.cairo.hints;

import static dev.hdp.cairo.hints.DictHintCodes.*;

import dev.hdp.cairo.program.Identifier;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Relocatable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Java implementations of the dict and squash_dict hints (and a few more small ones). */
final class DictHints {
  private DictHints() {}

  private static long dictAccessSize(HintContext c) {
    return c.program()
        .lookup("DictAccess", scopes(c))
        .filter(Identifier.Struct.class::isInstance)
        .map(s -> (long) ((Identifier.Struct) s).size())
        .orElse(3L);
  }

  private static List<String> scopes(HintContext c) {
    return c.scopeNames();
  }

  @SuppressWarnings("unchecked") // scope variables written by the hints below
  private static <T> T scoped(HintContext c, String name) {
    return (T) c.scopes().require(name);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new HintException(message);
    }
  }

  private static BigInteger key(MaybeRelocatable v) {
    if (!(v instanceof MaybeRelocatable.Int i)) {
      throw new HintException("dict key " + v + " is not an integer");
    }
    return i.value().toBigInteger();
  }

  static void registerAll(HintProcessor p) {
    p.register(VM_ENTER_SCOPE, c -> c.enterScope(Map.of()));
    p.register(VM_EXIT_SCOPE, HintContext::exitScope);
    p.register(
        DICT_NEW,
        c -> {
          Map<MaybeRelocatable, MaybeRelocatable> initial = new LinkedHashMap<>();
          Object given = c.scopes().require("initial_dict");
          if (given instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
              initial.put(c.toValue(e.getKey()), c.toValue(e.getValue()));
            }
          }
          c.scopes().remove("initial_dict");
          c.insertAtAp(c.dictManager().newDict(c.addSegment(), initial, null));
        });
    p.register(
        DEFAULT_DICT_NEW,
        c ->
            c.insertAtAp(
                c.dictManager().newDict(c.addSegment(), Map.of(), c.ids("default_value"))));
    p.register(
        DICT_READ,
        c -> {
          Relocatable ptr = c.idsPtr("dict_ptr");
          DictManager.Tracker t = c.dictManager().tracker(ptr);
          c.dictManager().advance(ptr, dictAccessSize(c));
          c.setIds("value", t.get(c.ids("key")));
        });
    p.register(
        DICT_WRITE,
        c -> {
          Relocatable ptr = c.idsPtr("dict_ptr");
          DictManager.Tracker t = c.dictManager().tracker(ptr);
          c.dictManager().advance(ptr, dictAccessSize(c));
          MaybeRelocatable key = c.ids("key");
          c.memory().set(ptr.add(1), t.get(key)); // DictAccess.prev_value
          t.put(key, c.ids("new_value"));
        });
    p.register(
        DICT_UPDATE,
        c -> {
          Relocatable ptr = c.idsPtr("dict_ptr");
          DictManager.Tracker t = c.dictManager().tracker(ptr);
          MaybeRelocatable key = c.ids("key");
          MaybeRelocatable current = t.get(key);
          require(
              current.equals(c.ids("prev_value")),
              "Wrong previous value in dict. Got "
                  + c.ids("prev_value")
                  + ", expected "
                  + current
                  + ".");
          t.put(key, c.ids("new_value"));
          c.dictManager().advance(ptr, dictAccessSize(c));
        });
    p.register(
        SQUASH_DICT,
        c -> {
          long size = dictAccessSize(c);
          Relocatable address = c.idsPtr("dict_accesses");
          require(
              c.idsInt("ptr_diff").mod(BigInteger.valueOf(size)).signum() == 0,
              "Accesses array size must be divisible by DictAccess.SIZE");
          long n = c.idsInt("n_accesses").longValueExact();
          if (c.scopes().has("__squash_dict_max_size")) {
            long max = ((Number) c.scopes().get("__squash_dict_max_size")).longValue();
            require(
                n <= max,
                "squash_dict() can only be used with n_accesses<="
                    + max
                    + ". Got: n_accesses="
                    + n
                    + ".");
          }
          Map<BigInteger, List<Long>> accessIndices = new HashMap<>();
          for (long i = 0; i < n; i++) {
            accessIndices
                .computeIfAbsent(
                    key(c.memory().getOrThrow(address.add(size * i))), k -> new ArrayList<>())
                .add(i);
          }
          List<BigInteger> keys = new ArrayList<>(accessIndices.keySet());
          keys.sort(Comparator.reverseOrder());
          require(!keys.isEmpty(), "squash_dict with no accesses");
          c.setIds("big_keys", keys.getFirst().compareTo(CommonHints.RC_BOUND) >= 0 ? 1 : 0);
          BigInteger first = keys.removeLast();
          c.scopes().set("access_indices", accessIndices);
          c.scopes().set("keys", keys);
          c.scopes().set("key", first);
          c.setIds("first_key", first);
        });
    p.register(
        SQUASH_DICT_INNER_SKIP_LOOP,
        c ->
            c.setIds(
                "should_skip_loop",
                ((List<?>) scoped(c, "current_access_indices")).isEmpty() ? 1 : 0));
    p.register(
        SQUASH_DICT_INNER_FIRST_ITERATION,
        c -> {
          Map<BigInteger, List<Long>> accessIndices = scoped(c, "access_indices");
          List<Long> indices = new ArrayList<>(accessIndices.get((BigInteger) scoped(c, "key")));
          indices.sort(Comparator.reverseOrder());
          long current = indices.removeLast();
          c.scopes().set("current_access_indices", indices);
          c.scopes().set("current_access_index", current);
          c.memory().set(c.idsPtr("range_check_ptr"), MaybeRelocatable.of(current));
        });
    p.register(
        SQUASH_DICT_INNER_CHECK_ACCESS_INDEX,
        c -> {
          List<Long> indices = scoped(c, "current_access_indices");
          long next = indices.removeLast();
          long current = scoped(c, "current_access_index");
          c.setIds("loop_temps.index_delta_minus1", next - current - 1);
          c.scopes().set("current_access_index", next);
        });
    p.register(
        SQUASH_DICT_INNER_CONTINUE_LOOP,
        c ->
            c.setIds(
                "loop_temps.should_continue",
                ((List<?>) scoped(c, "current_access_indices")).isEmpty() ? 0 : 1));
    p.register(
        SQUASH_DICT_INNER_ASSERT_LEN_KEYS,
        c -> require(((List<?>) scoped(c, "keys")).isEmpty(), "assert len(keys) == 0"));
    p.register(
        SQUASH_DICT_INNER_LEN_ASSERT,
        c ->
            require(
                ((List<?>) scoped(c, "current_access_indices")).isEmpty(),
                "assert len(current_access_indices) == 0"));
    p.register(
        SQUASH_DICT_INNER_USED_ACCESSES_ASSERT,
        c -> {
          Map<BigInteger, List<Long>> accessIndices = scoped(c, "access_indices");
          require(
              c.idsInt("n_used_accesses").longValueExact()
                  == accessIndices.get((BigInteger) scoped(c, "key")).size(),
              "assert ids.n_used_accesses == len(access_indices[key])");
        });
    p.register(
        SQUASH_DICT_INNER_NEXT_KEY,
        c -> {
          List<BigInteger> keys = scoped(c, "keys");
          require(!keys.isEmpty(), "No keys left but remaining_accesses > 0.");
          BigInteger next = keys.removeLast();
          c.scopes().set("key", next);
          c.setIds("next_key", next);
        });
    p.register(
        DICT_SQUASH_COPY_DICT,
        c -> {
          Relocatable end = c.idsPtr("dict_accesses_end");
          Map<MaybeRelocatable, MaybeRelocatable> copy =
              new LinkedHashMap<>(c.dictManager().tracker(end).data());
          Map<String, Object> vars = new HashMap<>();
          vars.put("initial_dict", copy);
          c.enterScope(vars);
        });
    p.register(
        DICT_SQUASH_UPDATE_PTR,
        c -> {
          Relocatable start = c.idsPtr("squashed_dict_start");
          DictManager.Tracker t = c.dictManager().tracker(start);
          t.current = c.idsAddressOf("squashed_dict_end");
        });
    p.register(
        UINT256_ADD_LOW,
        c ->
            c.setIds(
                "carry_low",
                c.idsInt("a.low").add(c.idsInt("b.low")).compareTo(c.constant("SHIFT")) >= 0
                    ? 1
                    : 0));
    p.register(
        UINT128_ADD,
        c ->
            c.setIds(
                "carry",
                c.idsInt("a").add(c.idsInt("b")).compareTo(c.constant("SHIFT")) >= 0 ? 1 : 0));
    p.register(
        UINT256_SQRT_FELT,
        c -> {
          BigInteger n = c.idsInt("n.high").shiftLeft(128).add(c.idsInt("n.low"));
          BigInteger root = n.sqrt();
          require(root.bitLength() <= 128, "root out of range");
          c.setIds("root", root);
        });
    p.register(IS_250_BITS, c -> c.setIds("is_250", c.idsInt("addr").bitLength() <= 250 ? 1 : 0));
    p.register(
        SET_ADD,
        c -> {
          long elmSize = c.idsInt("elm_size").longValueExact();
          require(elmSize > 0, "assert ids.elm_size > 0");
          Relocatable set = c.idsPtr("set_ptr");
          Relocatable setEnd = c.idsPtr("set_end_ptr");
          require(set.compareTo(setEnd) <= 0, "assert ids.set_ptr <= ids.set_end_ptr");
          Relocatable elm = c.idsPtr("elm_ptr");
          for (long i = 0; i < setEnd.sub(set); i += elmSize) {
            boolean same = true;
            for (long j = 0; j < elmSize && same; j++) {
              same =
                  java.util.Objects.equals(
                      c.memory().get(set.add(i + j)), c.memory().get(elm.add(j)));
            }
            if (same) {
              c.setIds("index", i / elmSize);
              c.setIds("is_elm_in_set", 1);
              return;
            }
          }
          c.setIds("is_elm_in_set", 0);
        });
  }
}
