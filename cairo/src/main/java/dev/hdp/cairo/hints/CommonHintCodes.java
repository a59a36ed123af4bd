package dev.hdp.cairo.hints;

/** The exact code of StarkWare common-library hints (cairo-lang 0.14), as compiled. */
final class CommonHintCodes {
  private CommonHintCodes() {}

  /** starkware/cairo/common/alloc.cairo: alloc. */
  static final String ALLOC = "memory[ap] = segments.add()";

  /** starkware/cairo/common/builtin_poseidon/poseidon.cairo: poseidon_hash_many. */
  static final String POSEIDON_HASH_MANY =
      "memory[ap] = to_felt_or_relocatable(ids.elements_end - ids.elements >= 10)";

  /** starkware/cairo/common/builtin_poseidon/poseidon.cairo: poseidon_hash_many. */
  static final String POSEIDON_HASH_MANY_2 =
      "memory[ap] = to_felt_or_relocatable(ids.elements_end - ids.elements >= 2)";

  /** starkware/cairo/common/cairo_blake2s/blake2s.cairo: blake2s_inner. */
  static final String BLAKE2S_INNER =
      "from starkware.cairo.common.cairo_blake2s.blake2s_utils import compute_blake2s_func\n"
          + "compute_blake2s_func(segments=segments, output_ptr=ids.output)";

  /** starkware/cairo/common/cairo_blake2s/blake2s.cairo: finalize_blake2s. */
  static final String FINALIZE_BLAKE2S =
      "# Add dummy pairs of input and output.\n"
          + "from starkware.cairo.common.cairo_blake2s.blake2s_utils import IV, blake2s_compress\n"
          + "\n"
          + "_n_packed_instances = int(ids.N_PACKED_INSTANCES)\n"
          + "assert 0 <= _n_packed_instances < 20\n"
          + "_blake2s_input_chunk_size_felts = int(ids.INPUT_BLOCK_FELTS)\n"
          + "assert 0 <= _blake2s_input_chunk_size_felts < 100\n"
          + "\n"
          + "message = [0] * _blake2s_input_chunk_size_felts\n"
          + "modified_iv = [IV[0] ^ 0x01010020] + IV[1:]\n"
          + "output = blake2s_compress(\n"
          + "    message=message,\n"
          + "    h=modified_iv,\n"
          + "    t0=0,\n"
          + "    t1=0,\n"
          + "    f0=0xffffffff,\n"
          + "    f1=0,\n"
          + ")\n"
          + "padding = (modified_iv + message + [0, 0xffffffff] + output) * (_n_packed_instances - 1)\n"
          + "segments.write_arg(ids.blake2s_ptr_end, padding)";

  /** starkware/cairo/common/cairo_blake2s/blake2s.cairo: blake2s_add_uint256. */
  static final String BLAKE2S_ADD_UINT256 =
      "B = 32\n"
          + "MASK = 2 ** 32 - 1\n"
          + "segments.write_arg(ids.data, [(ids.low >> (B * i)) & MASK for i in range(4)])\n"
          + "segments.write_arg(ids.data + 4, [(ids.high >> (B * i)) & MASK for i in range(4)])";

  /** starkware/cairo/common/cairo_blake2s/blake2s.cairo: blake2s_add_uint256_bigend. */
  static final String BLAKE2S_ADD_UINT256_BIGEND =
      "B = 32\n"
          + "MASK = 2 ** 32 - 1\n"
          + "segments.write_arg(ids.data, [(ids.high >> (B * (3 - i))) & MASK for i in range(4)])\n"
          + "segments.write_arg(ids.data + 4, [(ids.low >> (B * (3 - i))) & MASK for i in range(4)])";

  /** starkware/cairo/common/cairo_blake2s/blake2s.cairo: encode_felt252_to_u32s. */
  static final String ENCODE_FELT252_TO_U32S =
      "offset = 0\n"
          + "for i in range(ids.packed_values_len):\n"
          + "    val = (memory[ids.packed_values + i] % PRIME)\n"
          + "    val_len = 2 if val < 2**63 else 8\n"
          + "    if val_len == 8:\n"
          + "        val += 2**255\n"
          + "    for i in range(val_len - 1, -1, -1):\n"
          + "        val, memory[ids.unpacked_u32s + offset + i] = divmod(val, 2**32)\n"
          + "    assert val == 0\n"
          + "    offset += val_len";

  /** starkware/cairo/common/cairo_blake2s/blake2s.cairo: encode_felt252_to_u32s. */
  static final String ENCODE_FELT252_TO_U32S_2 =
      "memory[ap] = to_felt_or_relocatable((ids.end != ids.packed_values) and (memory[ids.packed_values] < 2**63))";

  /** starkware/cairo/common/find_element.cairo: find_element. */
  static final String FIND_ELEMENT =
      "array_ptr = ids.array_ptr\n"
          + "elm_size = ids.elm_size\n"
          + "assert isinstance(elm_size, int) and elm_size > 0, \\\n"
          + "    f'Invalid value for elm_size. Got: {elm_size}.'\n"
          + "key = ids.key\n"
          + "\n"
          + "if '__find_element_index' in globals():\n"
          + "    ids.index = __find_element_index\n"
          + "    found_key = memory[array_ptr + elm_size * __find_element_index]\n"
          + "    assert found_key == key, \\\n"
          + "        f'Invalid index found in __find_element_index. index: {__find_element_index}, ' \\\n"
          + "        f'expected key {key}, found key: {found_key}.'\n"
          + "    # Delete __find_element_index to make sure it's not used for the next calls.\n"
          + "    del __find_element_index\n"
          + "else:\n"
          + "    n_elms = ids.n_elms\n"
          + "    assert isinstance(n_elms, int) and n_elms >= 0, \\\n"
          + "        f'Invalid value for n_elms. Got: {n_elms}.'\n"
          + "    if '__find_element_max_size' in globals():\n"
          + "        assert n_elms <= __find_element_max_size, \\\n"
          + "            f'find_element() can only be used with n_elms<={__find_element_max_size}. ' \\\n"
          + "            f'Got: n_elms={n_elms}.'\n"
          + "\n"
          + "    for i in range(n_elms):\n"
          + "        if memory[array_ptr + elm_size * i] == key:\n"
          + "            ids.index = i\n"
          + "            break\n"
          + "    else:\n"
          + "        raise ValueError(f'Key {key} was not found.')";

  /** starkware/cairo/common/find_element.cairo: search_sorted_lower. */
  static final String SEARCH_SORTED_LOWER =
      "array_ptr = ids.array_ptr\n"
          + "elm_size = ids.elm_size\n"
          + "assert isinstance(elm_size, int) and elm_size > 0, \\\n"
          + "    f'Invalid value for elm_size. Got: {elm_size}.'\n"
          + "\n"
          + "n_elms = ids.n_elms\n"
          + "assert isinstance(n_elms, int) and n_elms >= 0, \\\n"
          + "    f'Invalid value for n_elms. Got: {n_elms}.'\n"
          + "if '__find_element_max_size' in globals():\n"
          + "    assert n_elms <= __find_element_max_size, \\\n"
          + "        f'find_element() can only be used with n_elms<={__find_element_max_size}. ' \\\n"
          + "        f'Got: n_elms={n_elms}.'\n"
          + "\n"
          + "for i in range(n_elms):\n"
          + "    if memory[array_ptr + elm_size * i] >= ids.key:\n"
          + "        ids.index = i\n"
          + "        break\n"
          + "else:\n"
          + "    ids.index = n_elms";

  /** starkware/cairo/common/find_element.cairo: search_sorted_optimistic. */
  static final String SEARCH_SORTED_OPTIMISTIC =
      "array_ptr = ids.array_ptr\n"
          + "elm_size = ids.elm_size\n"
          + "assert isinstance(elm_size, int) and elm_size > 0, \\\n"
          + "    f'Invalid value for elm_size. Got: {elm_size}.'\n"
          + "\n"
          + "n_elms = ids.n_elms\n"
          + "assert isinstance(n_elms, int) and n_elms >= 0, \\\n"
          + "    f'Invalid value for n_elms. Got: {n_elms}.'\n"
          + "if '__find_element_max_size' in globals():\n"
          + "    assert n_elms <= __find_element_max_size, \\\n"
          + "        f'find_element() can only be used with n_elms<={__find_element_max_size}. ' \\\n"
          + "        f'Got: n_elms={n_elms}.'\n"
          + "\n"
          + "for i in range(n_elms):\n"
          + "    if memory[array_ptr + elm_size * i] >= ids.key:\n"
          + "        ids.index = i\n"
          + "        ids.exists = 1 if memory[array_ptr + elm_size * i] == ids.key else 0\n"
          + "        break\n"
          + "else:\n"
          + "    ids.index = n_elms\n"
          + "    ids.exists = 0";

  /** starkware/cairo/common/math.cairo: assert_not_zero. */
  static final String ASSERT_NOT_ZERO =
      "from starkware.cairo.common.math_utils import assert_integer\n"
          + "assert_integer(ids.value)\n"
          + "assert ids.value % PRIME != 0, f'assert_not_zero failed: {ids.value} = 0.'";

  /** starkware/cairo/common/math.cairo: assert_not_equal. */
  static final String ASSERT_NOT_EQUAL =
      "from starkware.cairo.lang.vm.relocatable import RelocatableValue\n"
          + "both_ints = isinstance(ids.a, int) and isinstance(ids.b, int)\n"
          + "both_relocatable = (\n"
          + "    isinstance(ids.a, RelocatableValue) and isinstance(ids.b, RelocatableValue) and\n"
          + "    ids.a.segment_index == ids.b.segment_index)\n"
          + "assert both_ints or both_relocatable, \\\n"
          + "    f'assert_not_equal failed: non-comparable values: {ids.a}, {ids.b}.'\n"
          + "assert (ids.a - ids.b) % PRIME != 0, f'assert_not_equal failed: {ids.a} = {ids.b}.'";

  /** starkware/cairo/common/math.cairo: assert_nn. */
  static final String ASSERT_NN =
      "from starkware.cairo.common.math_utils import assert_integer\n"
          + "assert_integer(ids.a)\n"
          + "assert 0 <= ids.a % PRIME < range_check_builtin.bound, f'a = {ids.a} is out of range.'";

  /** starkware/cairo/common/math.cairo: assert_250_bit. */
  static final String ASSERT_250_BIT =
      "from starkware.cairo.common.math_utils import as_int\n"
          + "\n"
          + "# Correctness check.\n"
          + "value = as_int(ids.value, PRIME) % PRIME\n"
          + "assert value < ids.UPPER_BOUND, f'{value} is outside of the range [0, 2**250).'\n"
          + "\n"
          + "# Calculation for the assertion.\n"
          + "ids.high, ids.low = divmod(ids.value, ids.SHIFT)";

  /** starkware/cairo/common/math.cairo: split_felt. */
  static final String SPLIT_FELT =
      "from starkware.cairo.common.math_utils import assert_integer\n"
          + "assert ids.MAX_HIGH < 2**128 and ids.MAX_LOW < 2**128\n"
          + "assert PRIME - 1 == ids.MAX_HIGH * 2**128 + ids.MAX_LOW\n"
          + "assert_integer(ids.value)\n"
          + "ids.low = ids.value & ((1 << 128) - 1)\n"
          + "ids.high = ids.value >> 128";

  /** starkware/cairo/common/math.cairo: assert_le_felt. */
  static final String ASSERT_LE_FELT =
      "import itertools\n"
          + "\n"
          + "from starkware.cairo.common.math_utils import assert_integer\n"
          + "assert_integer(ids.a)\n"
          + "assert_integer(ids.b)\n"
          + "a = ids.a % PRIME\n"
          + "b = ids.b % PRIME\n"
          + "assert a <= b, f'a = {a} is not less than or equal to b = {b}.'\n"
          + "\n"
          + "# Find an arc less than PRIME / 3, and another less than PRIME / 2.\n"
          + "lengths_and_indices = [(a, 0), (b - a, 1), (PRIME - 1 - b, 2)]\n"
          + "lengths_and_indices.sort()\n"
          + "assert lengths_and_indices[0][0] <= PRIME // 3 and lengths_and_indices[1][0] <= PRIME // 2\n"
          + "excluded = lengths_and_indices[2][1]\n"
          + "\n"
          + "memory[ids.range_check_ptr + 1], memory[ids.range_check_ptr + 0] = (\n"
          + "    divmod(lengths_and_indices[0][0], ids.PRIME_OVER_3_HIGH))\n"
          + "memory[ids.range_check_ptr + 3], memory[ids.range_check_ptr + 2] = (\n"
          + "    divmod(lengths_and_indices[1][0], ids.PRIME_OVER_2_HIGH))";

  /** starkware/cairo/common/math.cairo: assert_le_felt. */
  static final String ASSERT_LE_FELT_2 = "memory[ap] = 1 if excluded != 0 else 0";

  /** starkware/cairo/common/math.cairo: assert_le_felt. */
  static final String ASSERT_LE_FELT_3 = "memory[ap] = 1 if excluded != 1 else 0";

  /** starkware/cairo/common/math.cairo: assert_le_felt. */
  static final String ASSERT_LE_FELT_4 = "assert excluded == 2";

  /** starkware/cairo/common/math.cairo: assert_lt_felt. */
  static final String ASSERT_LT_FELT =
      "from starkware.cairo.common.math_utils import assert_integer\n"
          + "assert_integer(ids.a)\n"
          + "assert_integer(ids.b)\n"
          + "assert (ids.a % PRIME) < (ids.b % PRIME), \\\n"
          + "    f'a = {ids.a % PRIME} is not less than b = {ids.b % PRIME}.'";

  /** starkware/cairo/common/math.cairo: abs_value. */
  static final String ABS_VALUE =
      "from starkware.cairo.common.math_utils import is_positive\n"
          + "ids.is_positive = 1 if is_positive(\n"
          + "    value=ids.value, prime=PRIME, rc_bound=range_check_builtin.bound) else 0";

  /** starkware/cairo/common/math.cairo: unsigned_div_rem. */
  static final String UNSIGNED_DIV_REM =
      "from starkware.cairo.common.math_utils import assert_integer\n"
          + "assert_integer(ids.div)\n"
          + "assert 0 < ids.div <= PRIME // range_check_builtin.bound, \\\n"
          + "    f'div={hex(ids.div)} is out of the valid range.'\n"
          + "ids.q, ids.r = divmod(ids.value, ids.div)";

  /** starkware/cairo/common/math.cairo: signed_div_rem. */
  static final String SIGNED_DIV_REM =
      "from starkware.cairo.common.math_utils import as_int, assert_integer\n"
          + "\n"
          + "assert_integer(ids.div)\n"
          + "assert 0 < ids.div <= PRIME // range_check_builtin.bound, \\\n"
          + "    f'div={hex(ids.div)} is out of the valid range.'\n"
          + "\n"
          + "assert_integer(ids.bound)\n"
          + "assert ids.bound <= range_check_builtin.bound // 2, \\\n"
          + "    f'bound={hex(ids.bound)} is out of the valid range.'\n"
          + "\n"
          + "int_value = as_int(ids.value, PRIME)\n"
          + "q, ids.r = divmod(int_value, ids.div)\n"
          + "\n"
          + "assert -ids.bound <= q < ids.bound, \\\n"
          + "    f'{int_value} / {ids.div} = {q} is out of the range [{-ids.bound}, {ids.bound}).'\n"
          + "\n"
          + "ids.biased_q = q + ids.bound";

  /** starkware/cairo/common/math.cairo: split_int. */
  static final String SPLIT_INT = "assert ids.value == 0, 'split_int(): value is out of range.'";

  /** starkware/cairo/common/math.cairo: split_int. */
  static final String SPLIT_INT_2 =
      "memory[ids.output] = res = (int(ids.value) % PRIME) % ids.base\n"
          + "assert res < ids.bound, f'split_int(): Limb {res} is out of range.'";

  /** starkware/cairo/common/math.cairo: sqrt. */
  static final String SQRT =
      "from starkware.python.math_utils import isqrt\n"
          + "value = ids.value % PRIME\n"
          + "assert value < 2 ** 250, f\"value={value} is outside of the range [0, 2**250).\"\n"
          + "assert 2 ** 250 < PRIME\n"
          + "ids.root = isqrt(value)";

  /** starkware/cairo/common/math.cairo: is_quad_residue. */
  static final String IS_QUAD_RESIDUE =
      "from starkware.crypto.signature.signature import FIELD_PRIME\n"
          + "from starkware.python.math_utils import div_mod, is_quad_residue, sqrt\n"
          + "\n"
          + "x = ids.x\n"
          + "if is_quad_residue(x, FIELD_PRIME):\n"
          + "    ids.y = sqrt(x, FIELD_PRIME)\n"
          + "else:\n"
          + "    ids.y = sqrt(div_mod(x, 3, FIELD_PRIME), FIELD_PRIME)";

  /** starkware/cairo/common/math_cmp.cairo: is_nn. */
  static final String IS_NN =
      "memory[ap] = 0 if 0 <= (ids.a % PRIME) < range_check_builtin.bound else 1";

  /** starkware/cairo/common/math_cmp.cairo: is_nn. */
  static final String IS_NN_2 =
      "memory[ap] = 0 if 0 <= ((-ids.a - 1) % PRIME) < range_check_builtin.bound else 1";

  /** starkware/cairo/common/math_cmp.cairo: is_le_felt. */
  static final String IS_LE_FELT = "memory[ap] = 0 if (ids.a % PRIME) <= (ids.b % PRIME) else 1";

  /** starkware/cairo/common/memcpy.cairo: memcpy. */
  static final String MEMCPY = "vm_enter_scope({'n': ids.len})";

  /** starkware/cairo/common/memcpy.cairo: memcpy. */
  static final String MEMCPY_2 = "n -= 1\n" + "ids.continue_copying = 1 if n > 0 else 0";

  /** starkware/cairo/common/memcpy.cairo: memcpy. */
  static final String MEMCPY_3 = "vm_exit_scope()";

  /** starkware/cairo/common/memset.cairo: memset. */
  static final String MEMSET = "vm_enter_scope({'n': ids.n})";

  /** starkware/cairo/common/memset.cairo: memset. */
  static final String MEMSET_2 = "n -= 1\n" + "ids.continue_loop = 1 if n > 0 else 0";

  /** starkware/cairo/common/pow.cairo: pow. */
  static final String POW = "ids.locs.bit = (ids.prev_locs.exp % PRIME) & 1";

  /** starkware/cairo/common/pow.cairo: signed_pow. */
  static final String SIGNED_POW = "assert ids.base != 0, \"Cannot raise 0 to a negative power.\"";

  /** starkware/cairo/common/segments.cairo: relocate_segment. */
  static final String RELOCATE_SEGMENT =
      "memory.add_relocation_rule(src_ptr=ids.src_ptr, dest_ptr=ids.dest_ptr)";

  /** starkware/cairo/common/uint256.cairo: uint256_add. */
  static final String UINT256_ADD =
      "sum_low = ids.a.low + ids.b.low\n"
          + "ids.carry_low = 1 if sum_low >= ids.SHIFT else 0\n"
          + "sum_high = ids.a.high + ids.b.high + ids.carry_low\n"
          + "ids.carry_high = 1 if sum_high >= ids.SHIFT else 0";

  /** starkware/cairo/common/uint256.cairo: split_64. */
  static final String SPLIT_64 = "ids.low = ids.a & ((1<<64) - 1)\n" + "ids.high = ids.a >> 64";

  /** starkware/cairo/common/uint256.cairo: uint256_sqrt. */
  static final String UINT256_SQRT =
      "from starkware.python.math_utils import isqrt\n"
          + "n = (ids.n.high << 128) + ids.n.low\n"
          + "root = isqrt(n)\n"
          + "assert 0 <= root < 2 ** 128\n"
          + "ids.root.low = root\n"
          + "ids.root.high = 0";

  /** starkware/cairo/common/uint256.cairo: uint256_signed_nn. */
  static final String UINT256_SIGNED_NN =
      "memory[ap] = 1 if 0 <= (ids.a.high % PRIME) < 2 ** 127 else 0";

  /** starkware/cairo/common/uint256.cairo: uint256_unsigned_div_rem. */
  static final String UINT256_UNSIGNED_DIV_REM =
      "a = (ids.a.high << 128) + ids.a.low\n"
          + "div = (ids.div.high << 128) + ids.div.low\n"
          + "quotient, remainder = divmod(a, div)\n"
          + "\n"
          + "ids.quotient.low = quotient & ((1 << 128) - 1)\n"
          + "ids.quotient.high = quotient >> 128\n"
          + "ids.remainder.low = remainder & ((1 << 128) - 1)\n"
          + "ids.remainder.high = remainder >> 128";

  /** starkware/cairo/common/uint256.cairo: uint256_mul_div_mod. */
  static final String UINT256_MUL_DIV_MOD =
      "a = (ids.a.high << 128) + ids.a.low\n"
          + "b = (ids.b.high << 128) + ids.b.low\n"
          + "div = (ids.div.high << 128) + ids.div.low\n"
          + "quotient, remainder = divmod(a * b, div)\n"
          + "\n"
          + "ids.quotient_low.low = quotient & ((1 << 128) - 1)\n"
          + "ids.quotient_low.high = (quotient >> 128) & ((1 << 128) - 1)\n"
          + "ids.quotient_high.low = (quotient >> 256) & ((1 << 128) - 1)\n"
          + "ids.quotient_high.high = quotient >> 384\n"
          + "ids.remainder.low = remainder & ((1 << 128) - 1)\n"
          + "ids.remainder.high = remainder >> 128";

  /** starkware/cairo/common/usort.cairo: usort. */
  static final String USORT =
      "vm_enter_scope(dict(__usort_max_size = globals().get('__usort_max_size')))";

  /** starkware/cairo/common/usort.cairo: usort. */
  static final String USORT_2 =
      "from collections import defaultdict\n"
          + "\n"
          + "input_ptr = ids.input\n"
          + "input_len = int(ids.input_len)\n"
          + "if __usort_max_size is not None:\n"
          + "    assert input_len <= __usort_max_size, (\n"
          + "        f\"usort() can only be used with input_len<={__usort_max_size}. \"\n"
          + "        f\"Got: input_len={input_len}.\"\n"
          + "    )\n"
          + "\n"
          + "positions_dict = defaultdict(list)\n"
          + "for i in range(input_len):\n"
          + "    val = memory[input_ptr + i]\n"
          + "    positions_dict[val].append(i)\n"
          + "\n"
          + "output = sorted(positions_dict.keys())\n"
          + "ids.output_len = len(output)\n"
          + "ids.output = segments.gen_arg(output)\n"
          + "ids.multiplicities = segments.gen_arg([len(positions_dict[k]) for k in output])";

  /** starkware/cairo/common/usort.cairo: verify_usort. */
  static final String VERIFY_USORT =
      "last_pos = 0\n" + "positions = positions_dict[ids.value][::-1]";

  /** starkware/cairo/common/usort.cairo: verify_multiplicity. */
  static final String VERIFY_MULTIPLICITY = "assert len(positions) == 0";

  /** starkware/cairo/common/usort.cairo: verify_multiplicity. */
  static final String VERIFY_MULTIPLICITY_2 =
      "current_pos = positions.pop()\n"
          + "ids.next_item_index = current_pos - last_pos\n"
          + "last_pos = current_pos + 1";
}
