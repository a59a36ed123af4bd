package dev.hdp.cairo.program;

import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A compiled Cairo 0 program, as {@code cairo-compile} writes it. Immutable.
 *
 * @param prime the field prime
 * @param data the bytecode and immediates, each below the prime
 * @param builtins the {@code %builtins} directive, in order
 * @param hints hints by pc, in execution order at each pc
 * @param identifiers the identifier table by full name
 * @param references the reference manager's entries, indexed by the hints' reference ids
 * @param attributes pc-range attributes (error messages)
 * @param mainScope the main module's scope, usually {@code __main__}
 * @param compilerVersion the compiler version, or null when the file does not say
 * @param debugInfo source locations, or null
 */
public record CompiledProgram(
    BigInteger prime,
    List<BigInteger> data,
    List<String> builtins,
    Map<Integer, List<HintSpec>> hints,
    Map<String, Identifier> identifiers,
    List<ReferenceSpec> references,
    List<Attribute> attributes,
    String mainScope,
    String compilerVersion,
    DebugInfo debugInfo) {

  /** The STARK field prime, 2^251 + 17·2^192 + 1, the only one this VM runs. */
  public static final BigInteger STARK_PRIME =
      BigInteger.ONE.shiftLeft(251).add(BigInteger.valueOf(17).shiftLeft(192)).add(BigInteger.ONE);

  public CompiledProgram {
    data = List.copyOf(data);
    builtins = List.copyOf(builtins);
    TreeMap<Integer, List<HintSpec>> sorted = new TreeMap<>();
    hints.forEach((pc, list) -> sorted.put(pc, List.copyOf(list)));
    hints = Collections.unmodifiableMap(sorted);
    identifiers = Collections.unmodifiableMap(new TreeMap<>(identifiers));
    references = List.copyOf(references);
    attributes = List.copyOf(attributes);
  }

  /** The pc of {@code main} in the main scope, if the program has one. */
  public OptionalInt main() {
    return pcOf(mainScope + ".main");
  }

  /** The pc of the proof-mode entry label {@code __start__}, if present. */
  public OptionalInt start() {
    return pcOf(mainScope + ".__start__");
  }

  /** The pc of the proof-mode end label {@code __end__}, if present. */
  public OptionalInt end() {
    return pcOf(mainScope + ".__end__");
  }

  /** The pc of a function or label, following aliases. */
  public OptionalInt pcOf(String fullName) {
    return switch (resolve(fullName).orElse(null)) {
      case Identifier.Function f -> OptionalInt.of(f.pc());
      case Identifier.Label l -> OptionalInt.of(l.pc());
      case null, default -> OptionalInt.empty();
    };
  }

  /** The identifier of that full name, following aliases (at most 100 hops). */
  public Optional<Identifier> resolve(String fullName) {
    String name = fullName;
    for (int hops = 0; hops < 100; hops++) {
      Identifier id = identifiers.get(name);
      if (!(id instanceof Identifier.Alias alias)) {
        return Optional.ofNullable(id);
      }
      name = alias.destination();
    }
    throw new ProgramFormatException("alias cycle at identifier " + fullName);
  }

  /**
   * Looks a (possibly dotted) name up as the compiler would from inside {@code scopes}: the
   * innermost scope first, then outwards, then as a full name.
   */
  public Optional<Identifier> lookup(String name, List<String> scopes) {
    for (int i = scopes.size() - 1; i >= 0; i--) {
      Optional<Identifier> found = resolveDotted(scopes.get(i) + "." + name);
      if (found.isPresent()) {
        return found;
      }
    }
    return resolveDotted(name);
  }

  /** Resolves a dotted name where a prefix may be an alias (a.b.c with a an alias). */
  private Optional<Identifier> resolveDotted(String name) {
    Optional<Identifier> direct = resolve(name);
    if (direct.isPresent()) {
      return direct;
    }
    int dot = name.lastIndexOf('.');
    while (dot > 0) {
      String prefix = name.substring(0, dot);
      if (identifiers.get(prefix) instanceof Identifier.Alias alias) {
        return resolve(alias.destination() + name.substring(dot));
      }
      dot = prefix.lastIndexOf('.');
    }
    return Optional.empty();
  }

  /** A struct by full name (following aliases), if it is one. */
  public Optional<Identifier.Struct> struct(String fullName) {
    return resolve(fullName)
        .filter(Identifier.Struct.class::isInstance)
        .map(Identifier.Struct.class::cast);
  }

  /** Every constant of the program by full name. */
  public Map<String, BigInteger> constants() {
    TreeMap<String, BigInteger> out = new TreeMap<>();
    identifiers.forEach(
        (name, id) -> {
          if (id instanceof Identifier.Const c) {
            out.put(name, c.value());
          }
        });
    return Collections.unmodifiableMap(out);
  }

  /** The stripped form that a PIE keeps (prime, data, builtins, main). */
  public StrippedProgram strip() {
    return new StrippedProgram(
        prime,
        data,
        builtins,
        main().orElseThrow(() -> new ProgramFormatException("program has no main function")));
  }
}
