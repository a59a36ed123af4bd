package dev.hdp.cairo.compiler;

import dev.hdp.cairo.compiler.Ast.CType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The identifiers of a program by full name, with scope search and alias resolution. */
final class Identifiers {

  /** What a name stands for. */
  sealed interface Def
      permits FunctionDef,
          LabelDef,
          ConstDef,
          StructDef,
          TypeDef,
          AliasDef,
          ReferenceDef,
          NamespaceDef,
          FutureDef,
          MemberDef {
    String typeName();
  }

  /** A function; its pc is known once it was compiled. */
  static final class FunctionDef implements Def {
    int pc = -1;
    final List<String> decorators;

    FunctionDef(List<String> decorators) {
      this.decorators = decorators;
    }

    @Override
    public String typeName() {
      return "function";
    }
  }

  /** A label at a pc. */
  record LabelDef(int pc) implements Def {
    @Override
    public String typeName() {
      return "label";
    }
  }

  /** A constant. */
  record ConstDef(BigInteger value) implements Def {
    @Override
    public String typeName() {
      return "const";
    }
  }

  /** A struct member. */
  record MemberDef(CType type, int offset, Loc loc) implements Def {
    @Override
    public String typeName() {
      return "member";
    }
  }

  /** A struct with its members in order. */
  record StructDef(String fullName, LinkedHashMap<String, MemberDef> members, int size)
      implements Def {
    @Override
    public String typeName() {
      return "struct";
    }
  }

  /** {@code using X = T} and functions' {@code Return}. */
  record TypeDef(CType type) implements Def {
    @Override
    public String typeName() {
      return "type_definition";
    }
  }

  /** An imported name. */
  record AliasDef(String destination) implements Def {
    @Override
    public String typeName() {
      return "alias";
    }
  }

  /** A reference: its type and every binding of it, in order. */
  static final class ReferenceDef implements Def {
    final String fullName;
    final CType type;
    final List<Preprocessor.Reference> references = new ArrayList<>();

    ReferenceDef(String fullName, CType type) {
      this.fullName = fullName;
      this.type = type;
    }

    @Override
    public String typeName() {
      return "reference";
    }
  }

  /** A namespace. */
  record NamespaceDef() implements Def {
    @Override
    public String typeName() {
      return "namespace";
    }
  }

  /** A name that will be defined later in the compilation. */
  record FutureDef(String kind) implements Def {
    @Override
    public String typeName() {
      return "future";
    }
  }

  /** The result of a lookup: the definition, its canonical name and the members left over. */
  record Found(Def def, String canonicalName, List<String> nonParsed) {}

  /** An identifier that does not exist. */
  static final class MissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String fullName;

    MissingException(String fullName) {
      super("Unknown identifier '" + fullName + "'.", null, false, false);
      this.fullName = fullName;
    }
  }

  /** Any other naming error. */
  static final class IdentifierException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IdentifierException(String message) {
      super(message, null, false, false);
    }
  }

  final Map<String, Def> defs = new LinkedHashMap<>();
  private final Set<String> scopes = new HashSet<>();

  Def get(String fullName) {
    return defs.get(fullName);
  }

  /** Changes since {@link #mark()}: (name, previous definition or null), to undo them. */
  private List<Map.Entry<String, Def>> journal;

  /** Starts recording changes, forgetting earlier ones; returns the journal position. */
  int mark() {
    journal = new ArrayList<>();
    return 0;
  }

  /** Undoes every change since {@link #mark()}. */
  void rollback() {
    for (int i = journal.size() - 1; i >= 0; i--) {
      Map.Entry<String, Def> e = journal.get(i);
      if (e.getValue() == null) {
        defs.remove(e.getKey());
      } else {
        defs.put(e.getKey(), e.getValue());
      }
    }
    journal = new ArrayList<>();
  }

  void put(String fullName, Def def) {
    Def previous = defs.put(fullName, def);
    if (journal != null) {
      journal.add(new java.util.AbstractMap.SimpleEntry<>(fullName, previous));
    }
    boolean isNew = previous == null;
    if (isNew) {
      int dot = fullName.lastIndexOf('.');
      while (dot > 0) {
        scopes.add(fullName.substring(0, dot));
        dot = fullName.lastIndexOf('.', dot - 1);
      }
    }
  }

  void remove(String fullName) {
    defs.remove(fullName);
  }

  boolean isScope(String name) {
    return scopes.contains(name);
  }

  /** Finds a name (no scope search), following aliases. */
  Found lookup(String name) {
    List<String> visited = new ArrayList<>();
    String current = name;
    while (true) {
      if (visited.contains(current)) {
        throw new IdentifierException(
            "Cyclic aliasing detected: " + String.join(" -> ", visited) + " -> " + current);
      }
      visited.add(current);
      Found f;
      try {
        f = lookupRaw(current);
      } catch (MissingException e) {
        if (visited.size() > 1) {
          throw new IdentifierException(
              "Alias resolution failed: " + String.join(" -> ", visited) + ". " + e.getMessage());
        }
        throw e;
      }
      if (!(f.def() instanceof AliasDef a)) {
        return f;
      }
      current =
          f.nonParsed().isEmpty()
              ? a.destination()
              : a.destination() + "." + String.join(".", f.nonParsed());
    }
  }

  private Found lookupRaw(String name) {
    String[] parts = name.split("\\.");
    String cur = "";
    for (int i = 0; i < parts.length; i++) {
      String candidate = cur.isEmpty() ? parts[i] : cur + "." + parts[i];
      if (i < parts.length - 1 && scopes.contains(candidate)) {
        cur = candidate;
        continue;
      }
      Def d = defs.get(candidate);
      if (d != null) {
        List<String> rest = new ArrayList<>();
        for (int j = i + 1; j < parts.length; j++) {
          rest.add(parts[j]);
        }
        return new Found(d, candidate, rest);
      }
      if (scopes.contains(candidate)) {
        throw new IdentifierException(
            "Expected '" + candidate + "' to be an identifier, found a scope name.");
      }
      throw new MissingException(candidate);
    }
    throw new MissingException(name);
  }

  /** Searches a name in the accessible scopes, later scopes first. */
  Found search(List<String> accessibleScopes, String name) {
    String first = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    for (int i = accessibleScopes.size() - 1; i >= 0; i--) {
      String scope = accessibleScopes.get(i);
      try {
        return lookup(scope.isEmpty() ? name : scope + "." + name);
      } catch (MissingException e) {
        String firstFull = scope.isEmpty() ? first : scope + "." + first;
        if (firstFull.startsWith(e.fullName)) {
          continue;
        }
        throw e;
      }
    }
    throw new MissingException(first);
  }

  /** The struct a full name denotes (following type definitions). */
  StructDef struct(String fullName) {
    Def d = lookup(fullName).def();
    if (d instanceof TypeDef t && t.type() instanceof Ast.TStruct s) {
      return struct(s.fullName());
    }
    if (d instanceof StructDef s) {
      return s;
    }
    throw new IdentifierException(
        "Expected '" + fullName + "' to be a struct. Found: '" + d.typeName() + "'.");
  }
}
