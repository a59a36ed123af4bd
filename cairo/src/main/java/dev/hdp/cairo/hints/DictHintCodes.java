package dev.hdp.cairo.hints;

/** The exact code of the dict, squash_dict and a few more common-library hints. */
final class DictHintCodes {
  private DictHintCodes() {}

  static final String VM_ENTER_SCOPE = "vm_enter_scope()";
  static final String VM_EXIT_SCOPE = "vm_exit_scope()";
  static final String DEFAULT_DICT_NEW =
      "if '__dict_manager' not in globals():\n"
          + "    from starkware.cairo.common.dict import DictManager\n"
          + "    __dict_manager = DictManager()\n"
          + "\n"
          + "memory[ap] = __dict_manager.new_default_dict(segments, ids.default_value)";
  static final String DICT_NEW =
      "if '__dict_manager' not in globals():\n"
          + "    from starkware.cairo.common.dict import DictManager\n"
          + "    __dict_manager = DictManager()\n"
          + "\n"
          + "memory[ap] = __dict_manager.new_dict(segments, initial_dict)\n"
          + "del initial_dict";
  static final String DICT_READ =
      "dict_tracker = __dict_manager.get_tracker(ids.dict_ptr)\n"
          + "dict_tracker.current_ptr += ids.DictAccess.SIZE\n"
          + "ids.value = dict_tracker.data[ids.key]";
  static final String DICT_WRITE =
      "dict_tracker = __dict_manager.get_tracker(ids.dict_ptr)\n"
          + "dict_tracker.current_ptr += ids.DictAccess.SIZE\n"
          + "ids.dict_ptr.prev_value = dict_tracker.data[ids.key]\n"
          + "dict_tracker.data[ids.key] = ids.new_value";
  static final String DICT_UPDATE =
      "# Verify dict pointer and prev value.\n"
          + "dict_tracker = __dict_manager.get_tracker(ids.dict_ptr)\n"
          + "current_value = dict_tracker.data[ids.key]\n"
          + "assert current_value == ids.prev_value, \\\n"
          + "    f'Wrong previous value in dict. Got {ids.prev_value}, expected {current_value}.'\n"
          + "\n"
          + "# Update value.\n"
          + "dict_tracker.data[ids.key] = ids.new_value\n"
          + "dict_tracker.current_ptr += ids.DictAccess.SIZE";
  static final String SQUASH_DICT =
      "dict_access_size = ids.DictAccess.SIZE\n"
          + "address = ids.dict_accesses.address_\n"
          + "assert ids.ptr_diff % dict_access_size == 0, \\\n"
          + "    'Accesses array size must be divisible by DictAccess.SIZE'\n"
          + "n_accesses = ids.n_accesses\n"
          + "if '__squash_dict_max_size' in globals():\n"
          + "    assert n_accesses <= __squash_dict_max_size, \\\n"
          + "        f'squash_dict() can only be used with n_accesses<={__squash_dict_max_size}. ' \\\n"
          + "        f'Got: n_accesses={n_accesses}.'\n"
          + "# A map from key to the list of indices accessing it.\n"
          + "access_indices = {}\n"
          + "for i in range(n_accesses):\n"
          + "    key = memory[address + dict_access_size * i]\n"
          + "    access_indices.setdefault(key, []).append(i)\n"
          + "# Descending list of keys.\n"
          + "keys = sorted(access_indices.keys(), reverse=True)\n"
          + "# Are the keys used bigger than range_check bound.\n"
          + "ids.big_keys = 1 if keys[0] >= range_check_builtin.bound else 0\n"
          + "ids.first_key = key = keys.pop()";
  static final String SQUASH_DICT_INNER_SKIP_LOOP =
      "ids.should_skip_loop = 0 if current_access_indices else 1";
  static final String SQUASH_DICT_INNER_FIRST_ITERATION =
      "current_access_indices = sorted(access_indices[key])[::-1]\n"
          + "current_access_index = current_access_indices.pop()\n"
          + "memory[ids.range_check_ptr] = current_access_index";
  static final String SQUASH_DICT_INNER_CHECK_ACCESS_INDEX =
      "new_access_index = current_access_indices.pop()\n"
          + "ids.loop_temps.index_delta_minus1 = new_access_index - current_access_index - 1\n"
          + "current_access_index = new_access_index";
  static final String SQUASH_DICT_INNER_CONTINUE_LOOP =
      "ids.loop_temps.should_continue = 1 if current_access_indices else 0";
  static final String SQUASH_DICT_INNER_ASSERT_LEN_KEYS = "assert len(keys) == 0";
  static final String SQUASH_DICT_INNER_LEN_ASSERT = "assert len(current_access_indices) == 0";
  static final String SQUASH_DICT_INNER_USED_ACCESSES_ASSERT =
      "assert ids.n_used_accesses == len(access_indices[key])";
  static final String SQUASH_DICT_INNER_NEXT_KEY =
      "assert len(keys) > 0, 'No keys left but remaining_accesses > 0.'\n"
          + "ids.next_key = key = keys.pop()";
  static final String DICT_SQUASH_COPY_DICT =
      "# Prepare arguments for dict_new. In particular, the same dictionary values should be copied\n"
          + "# to the new (squashed) dictionary.\n"
          + "vm_enter_scope({\n"
          + "    # Make __dict_manager accessible.\n"
          + "    '__dict_manager': __dict_manager,\n"
          + "    # Create a copy of the dict, in case it changes in the future.\n"
          + "    'initial_dict': dict(__dict_manager.get_dict(ids.dict_accesses_end)),\n"
          + "})";
  static final String DICT_SQUASH_UPDATE_PTR =
      "# Update the DictTracker's current_ptr to point to the end of the squashed dict.\n"
          + "__dict_manager.get_tracker(ids.squashed_dict_start).current_ptr = \\\n"
          + "    ids.squashed_dict_end.address_";
  static final String UINT256_ADD_LOW =
      "sum_low = ids.a.low + ids.b.low\n" + "ids.carry_low = 1 if sum_low >= ids.SHIFT else 0";
  static final String UINT128_ADD =
      "res = ids.a + ids.b\n" + "ids.carry = 1 if res >= ids.SHIFT else 0";
  static final String UINT256_SQRT_FELT =
      "from starkware.python.math_utils import isqrt\n"
          + "n = (ids.n.high << 128) + ids.n.low\n"
          + "root = isqrt(n)\n"
          + "assert 0 <= root < 2 ** 128\n"
          + "ids.root = root";
  static final String IS_250_BITS = "ids.is_250 = 1 if ids.addr < 2**250 else 0";
  static final String SET_ADD =
      "assert ids.elm_size > 0\n"
          + "assert ids.set_ptr <= ids.set_end_ptr\n"
          + "elm_list = memory.get_range(ids.elm_ptr, ids.elm_size)\n"
          + "for i in range(0, ids.set_end_ptr - ids.set_ptr, ids.elm_size):\n"
          + "    if memory.get_range(ids.set_ptr + i, ids.elm_size) == elm_list:\n"
          + "        ids.index = i // ids.elm_size\n"
          + "        ids.is_elm_in_set = 1\n"
          + "        break\n"
          + "else:\n"
          + "    ids.is_elm_in_set = 0";
}
