package dev.hdp.cairo.hints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hdp.cairo.builtins.BuiltinRunner;
import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.program.ApTracking;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.Identifier;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import dev.hdp.cairo.vm.VirtualMachine;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * What a hint sees while it runs: registers, memory, {@code ids}, scopes, constants, {@code
 * program_input}, segments and builtins. Values are Python-like integers ({@link BigInteger} in [0,
 * p)) or addresses.
 */
public final class HintContext {
  private final VirtualMachine vm;
  private final HintEnvironment env;
  private final HintProcessor.CompiledHint hint;

  HintContext(VirtualMachine vm, HintEnvironment env, HintProcessor.CompiledHint hint) {
    this.vm = vm;
    this.env = env;
    this.hint = hint;
  }

  public VirtualMachine vm() {
    return vm;
  }

  public Memory memory() {
    return env.memory();
  }

  public Relocatable ap() {
    return vm.ap();
  }

  public Relocatable fp() {
    return vm.fp();
  }

  public Relocatable pc() {
    return vm.pc();
  }

  public HintEnvironment environment() {
    return env;
  }

  /** The program this hint belongs to: the run's, or a task loaded by a bootloader. */
  public CompiledProgram program() {
    return hint.program();
  }

  /**
   * {@code program_input}: the innermost scope's variable when it has one (a task loaded by a
   * bootloader runs in a scope holding its own input, as in cairo-lang), else the run's input.
   */
  public JsonNode programInput() {
    if (scopes().get("program_input") instanceof JsonNode taskInput) {
      return taskInput;
    }
    return env.programInput();
  }

  public ExecutionScopes scopes() {
    return env.scopes();
  }

  public DictManager dictManager() {
    return env.dictManager();
  }

  /** The scopes the hint's code can see (for identifier lookups). */
  public List<String> scopeNames() {
    return hint.spec().accessibleScopes();
  }

  /** The hint's code (for messages). */
  public String code() {
    return hint.spec().code();
  }

  // -------------------------------------------------------------------------------------------
  // ids

  /** A located {@code ids} expression: its address when it has one, else its value, and type. */
  private record Located(Relocatable address, MaybeRelocatable value, String type) {
    MaybeRelocatable read(Memory memory) {
      return address != null ? memory.get(address) : value;
    }
  }

  private Located locate(String path) {
    String[] parts = path.split("\\.");
    HintProcessor.ResolvedReference ref = hint.references().get(parts[0]);
    if (ref == null) {
      throw new HintException("ids." + parts[0] + " is not a reference visible to this hint");
    }
    Relocatable ap = vm.ap();
    ApTracking hintAp = hint.spec().flowTracking().apTracking();
    if (ref.expression().usesAp()) {
      if (ref.apTracking().group() != hintAp.group()) {
        throw new HintException(
            "ids."
                + parts[0]
                + " was revoked: its ap tracking group "
                + ref.apTracking().group()
                + " differs from the hint's "
                + hintAp.group());
      }
      ap = ap.add(-(hintAp.offset() - ref.apTracking().offset()));
    }
    Located here;
    ReferenceExpression e = ref.expression();
    if (e instanceof ReferenceExpression.Deref d) {
      MaybeRelocatable a = d.address().evaluate(memory(), ap, vm.fp());
      if (!(a instanceof Relocatable addr)) {
        throw new HintException("ids." + parts[0] + " has no address: " + a);
      }
      here = new Located(addr, null, ref.type());
    } else {
      here = new Located(null, e.evaluate(memory(), ap, vm.fp()), ref.type());
    }
    for (int i = 1; i < parts.length; i++) {
      here = member(here, parts[i], path);
    }
    return here;
  }

  private Located member(Located of, String name, String path) {
    String type = of.type().trim();
    boolean pointer = type.endsWith("*");
    String structName = pointer ? type.substring(0, type.length() - 1).trim() : type;
    Identifier.Struct struct =
        program()
            .struct(structName)
            .orElseThrow(
                () -> new HintException("ids." + path + ": type " + type + " is not a struct"));
    Identifier.Member m = struct.members().get(name);
    if (m == null) {
      throw new HintException("ids." + path + ": struct " + structName + " has no member " + name);
    }
    Relocatable base;
    if (pointer) {
      MaybeRelocatable v = of.read(memory());
      if (!(v instanceof Relocatable r)) {
        throw new HintException("ids." + path + ": pointer value is not an address: " + v);
      }
      base = r;
    } else {
      if (of.address() == null) {
        throw new HintException("ids." + path + ": struct value has no address");
      }
      base = of.address();
    }
    return new Located(base.add(m.offset()), null, m.cairoType());
  }

  /** Whether the hint can see {@code ids.name}. */
  public boolean hasIds(String name) {
    return hint.references().containsKey(name.split("\\.")[0]);
  }

  /** The value of {@code ids.path} (a reference, a member path, or a constant). */
  public MaybeRelocatable ids(String path) {
    if (!hasIds(path)) {
      BigInteger c = constantOrNull(path);
      if (c != null) {
        return MaybeRelocatable.of(c);
      }
    }
    Located l = locate(path);
    MaybeRelocatable v = l.read(memory());
    if (v == null) {
      throw new HintException(
          "ids." + path + " is not set (memory at " + l.address() + " is empty)");
    }
    return v;
  }

  /** The address where {@code ids.path} is stored ({@code ids.path.address_}). */
  public Relocatable idsAddress(String path) {
    Located l = locate(path);
    if (l.address() == null) {
      throw new HintException("ids." + path + " has no address");
    }
    return l.address();
  }

  /**
   * Python's {@code ids.path.address_}: for a pointer to a struct, the pointer's value (Python
   * wraps the pointed struct); otherwise the address where the value is stored.
   */
  public Relocatable idsAddressOf(String path) {
    Located l = locate(path);
    String type = l.type().trim();
    if (type.endsWith("*")
        && program().struct(type.substring(0, type.length() - 1).trim()).isPresent()) {
      MaybeRelocatable v = l.read(memory());
      if (!(v instanceof Relocatable r)) {
        throw new HintException("ids." + path + " is not a pointer: " + v);
      }
      return r;
    }
    if (l.address() == null) {
      throw new HintException("ids." + path + " has no address");
    }
    return l.address();
  }

  /** {@code ids.path} as an integer in [0, p). */
  public BigInteger idsInt(String path) {
    MaybeRelocatable v = ids(path);
    if (!(v instanceof MaybeRelocatable.Int i)) {
      throw new HintException("ids." + path + " is an address, expected an integer: " + v);
    }
    return i.value().toBigInteger();
  }

  /** {@code ids.path} as a felt. */
  public Felt252 idsFelt(String path) {
    MaybeRelocatable v = ids(path);
    if (!(v instanceof MaybeRelocatable.Int i)) {
      throw new HintException("ids." + path + " is an address, expected an integer: " + v);
    }
    return i.value();
  }

  /** {@code ids.path} as an address. */
  public Relocatable idsPtr(String path) {
    MaybeRelocatable v = ids(path);
    if (!(v instanceof Relocatable r)) {
      throw new HintException("ids." + path + " is not an address: " + v);
    }
    return r;
  }

  /** {@code ids.path = value}. */
  public void setIds(String path, MaybeRelocatable value) {
    memory().set(idsAddress(path), value);
  }

  public void setIds(String path, BigInteger value) {
    setIds(path, MaybeRelocatable.of(value));
  }

  public void setIds(String path, long value) {
    setIds(path, MaybeRelocatable.of(value));
  }

  // -------------------------------------------------------------------------------------------
  // Constants, memory helpers, segments, builtins

  private BigInteger constantOrNull(String name) {
    return program()
        .lookup(name, hint.spec().accessibleScopes())
        .filter(Identifier.Const.class::isInstance)
        .map(id -> ((Identifier.Const) id).value())
        .orElse(null);
  }

  /** A constant visible from the hint's scopes (e.g. {@code SHIFT}). */
  public BigInteger constant(String name) {
    BigInteger c = constantOrNull(name);
    if (c == null) {
      throw new HintException(
          "constant " + name + " is not visible from " + hint.spec().accessibleScopes());
    }
    return c;
  }

  /** {@code memory[ap] = value}. */
  public void insertAtAp(MaybeRelocatable value) {
    memory().set(vm.ap(), value);
  }

  public void insertAtAp(BigInteger value) {
    insertAtAp(MaybeRelocatable.of(value));
  }

  /** The integer at an address. */
  public BigInteger intAt(Relocatable address) {
    MaybeRelocatable v = memory().getOrThrow(address);
    if (!(v instanceof MaybeRelocatable.Int i)) {
      throw new HintException("memory at " + address + " is an address, expected an integer");
    }
    return i.value().toBigInteger();
  }

  /** {@code segments.add()}. */
  public Relocatable addSegment() {
    return memory().addSegment();
  }

  /** {@code segments.add_temp_segment()}. */
  public Relocatable addTemporarySegment() {
    return memory().addTemporarySegment();
  }

  /**
   * {@code segments.write_arg(ptr, values)} / {@code load_data}: writes values (integers,
   * addresses, or nested lists, which become new segments) from {@code ptr}; returns the end.
   */
  public Relocatable writeArg(Relocatable ptr, List<?> values) {
    Relocatable at = ptr;
    for (Object v : values) {
      memory().set(at, toValue(v));
      at = at.add(1);
    }
    return at;
  }

  /** {@code segments.gen_arg(values)}: a new segment holding the values. */
  public Relocatable genArg(List<?> values) {
    Relocatable base = addSegment();
    writeArg(base, values);
    return base;
  }

  /** Converts a Java or JSON value to a memory value (lists become new segments). */
  public MaybeRelocatable toValue(Object v) {
    return switch (v) {
      case MaybeRelocatable m -> m;
      case Felt252 f -> new MaybeRelocatable.Int(f);
      case BigInteger b -> MaybeRelocatable.of(b);
      case Long l -> MaybeRelocatable.of(l);
      case Integer i -> MaybeRelocatable.of(i.longValue());
      case Boolean b -> MaybeRelocatable.of(b ? 1 : 0);
      case List<?> list -> genArg(list);
      case JsonNode n when n.isIntegralNumber() -> MaybeRelocatable.of(n.bigIntegerValue());
      case JsonNode n when n.isBoolean() -> MaybeRelocatable.of(n.booleanValue() ? 1 : 0);
      case JsonNode n when n.isArray() -> {
        List<Object> items = new java.util.ArrayList<>();
        n.forEach(items::add);
        yield genArg(items);
      }
      case JsonNode n when n.isTextual() -> MaybeRelocatable.of(parseInt(n.asText()));
      default -> throw new HintException("cannot write " + v + " to memory");
    };
  }

  /** Parses a decimal or 0x-hex integer string. */
  public static BigInteger parseInt(String s) {
    String t = s.trim();
    boolean neg = t.startsWith("-");
    if (neg) {
      t = t.substring(1);
    }
    BigInteger v =
        t.startsWith("0x") || t.startsWith("0X")
            ? new BigInteger(t.substring(2), 16)
            : new BigInteger(t);
    return neg ? v.negate() : v;
  }

  /** The builtin runner of that name (e.g. {@code range_check}), which must exist. */
  public BuiltinRunner builtin(String name) {
    BuiltinRunner b = env.builtins().get(name);
    if (b == null) {
      throw new HintException("the run has no " + name + " builtin");
    }
    return b;
  }

  /**
   * {@code vm_load_program(program, base)}: installs the hints of a program whose code is (or will
   * be) at {@code base}, resolved against that program's identifiers and references.
   */
  public void loadProgramHints(CompiledProgram loaded, Relocatable base) {
    // Like cairo-lang's load_hints, the program's hints replace any at the same addresses (a
    // bootloader loads a repeated task's program at the same place again).
    loaded
        .hints()
        .forEach(
            (pc, specs) -> {
              List<dev.hdp.cairo.vm.VmHint> compiled = new java.util.ArrayList<>();
              for (var spec : specs) {
                compiled.add(hint.processor().compile(spec, loaded, env, pc));
              }
              vm.setHints(base.add(pc), compiled);
            });
  }

  /** {@code vm_enter_scope(variables)}. */
  public void enterScope(Map<String, ?> variables) {
    scopes().enter(variables);
  }

  /** {@code vm_exit_scope()}. */
  public void exitScope() {
    scopes().exit();
  }
}
