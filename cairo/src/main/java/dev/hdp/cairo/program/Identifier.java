package dev.hdp.cairo.program;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** One entry of the program's identifier table, by its {@code type}. */
public sealed interface Identifier {
  /** A function: its entry pc and decorators. */
  record Function(int pc, List<String> decorators) implements Identifier {
    public Function {
      decorators = List.copyOf(decorators);
    }
  }

  /** A label inside code. */
  record Label(int pc) implements Identifier {}

  /** A compile-time constant (any integer; the VM reduces it modulo the prime where needed). */
  record Const(BigInteger value) implements Identifier {}

  /** A struct: members (in declaration order by offset) and size in cells. */
  record Struct(String fullName, Map<String, Member> members, int size) implements Identifier {
    public Struct {
      members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
    }
  }

  /** A struct member: its Cairo type and offset. */
  record Member(String cairoType, int offset) {}

  /** Another name for {@code destination}. */
  record Alias(String destination) implements Identifier {}

  /** A named type. */
  record TypeDefinition(String cairoType) implements Identifier {}

  /** A namespace (it carries no data). */
  record Namespace() implements Identifier {}

  /** A reference ({@code let}), with the expressions it had across the code. */
  record Reference(String cairoType, String fullName, List<ReferenceSpec> references)
      implements Identifier {
    public Reference {
      references = List.copyOf(references);
    }
  }
}
