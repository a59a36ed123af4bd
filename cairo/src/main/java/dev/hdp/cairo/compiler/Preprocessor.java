package dev.hdp.cairo.compiler;

import dev.hdp.cairo.compiler.Ast.*;
import dev.hdp.cairo.compiler.Identifiers.AliasDef;
import dev.hdp.cairo.compiler.Identifiers.ConstDef;
import dev.hdp.cairo.compiler.Identifiers.Def;
import dev.hdp.cairo.compiler.Identifiers.Found;
import dev.hdp.cairo.compiler.Identifiers.FunctionDef;
import dev.hdp.cairo.compiler.Identifiers.FutureDef;
import dev.hdp.cairo.compiler.Identifiers.LabelDef;
import dev.hdp.cairo.compiler.Identifiers.MemberDef;
import dev.hdp.cairo.compiler.Identifiers.NamespaceDef;
import dev.hdp.cairo.compiler.Identifiers.ReferenceDef;
import dev.hdp.cairo.compiler.Identifiers.StructDef;
import dev.hdp.cairo.compiler.Identifiers.TypeDef;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the collected modules into instructions: identifier and struct collection, the
 * reachable-function analysis, then StarkWare's preprocessing (references, flow tracking of ap,
 * compound expressions, calls and returns) and the second pass that resolves labels.
 */
final class Preprocessor {

  /** A module: its name and its statements (one entry per file of the module). */
  record Module(String name, List<Stmt> stmts) {}

  /** One binding of a reference, valid where the flow's ap tracking allows. */
  record Reference(int pc, Expr value, int group, int offset, List<Loc> locs, Stmt definedBy) {}

  /** The references alive at a point and the tracking of ap there. */
  record Flow(int group, int offset, Map<String, Integer> refIds) {}

  /** A change of ap: known (a number), unknown, or unconstrained (no return seen yet). */
  record Change(int kind, int value) {
    static final Change UNKNOWN = new Change(1, 0);
    static final Change UNCONSTRAINED = new Change(2, 0);

    static Change known(int v) {
      return new Change(0, v);
    }

    boolean isKnown() {
      return kind == 0;
    }

    Change plus(Change o) {
      if (kind == 1 || o.kind == 1) {
        return UNKNOWN;
      }
      return known(value + o.value);
    }

    Change and(Change o) {
      if (kind == 2) {
        return o;
      }
      if (kind == 1 || o.kind == 1) {
        return UNKNOWN;
      }
      return value == o.value ? this : UNKNOWN;
    }
  }

  /** A hint waiting for its instruction, with the flow it was written in. */
  record PendingHint(SHint hint, Flow flow) {}

  /** An instruction of the first pass. */
  record PInstr(
      Instr body,
      boolean incAp,
      Loc loc,
      List<String> accessibleScopes,
      List<PendingHint> hints,
      Flow flow) {}

  /** A {@code with_attr} scope. */
  record Attribute(
      String name, String value, int startPc, int endPc, Flow flow, List<String> scopes) {}

  private static final class FuncMeta {
    final int initialGroup;
    final int initialOffset;
    Change totalApChange = Change.UNCONSTRAINED;
    boolean completed;

    FuncMeta(int group, int offset) {
      this.initialGroup = group;
      this.initialOffset = offset;
    }
  }

  final Identifiers ids = new Identifiers();
  final List<Reference> references = new ArrayList<>();
  final List<PInstr> instructions = new ArrayList<>();
  final List<Attribute> attributes = new ArrayList<>();
  final List<String> builtins = new ArrayList<>();
  final Set<String> removedPrefixes = new HashSet<>();
  final String mainScope;

  private Set<String> functionsToCompile;
  private List<String> accessibleScopes = new ArrayList<>();
  private Flow flow; // null: unreachable
  private final Map<String, Flow> labelsData = new HashMap<>();
  private int nextGroup;
  private int currentPc;
  private final Map<String, FuncMeta> functionMetadata = new HashMap<>();
  private int nextTempId;
  private Map<String, Boolean> referenceStates = new HashMap<>();
  private List<PendingHint> nextHints = new ArrayList<>();
  private boolean directivesAllowed = true;
  private int uniqueNameCounter;
  private final Map<String, PendingStruct> pendingStructs = new HashMap<>();
  private Stmt currentStmt;
  private ReferenceTrial trial;

  Preprocessor(String mainScope) {
    this.mainScope = mainScope;
  }

  private String currentScope() {
    return accessibleScopes.isEmpty() ? "" : accessibleScopes.get(accessibleScopes.size() - 1);
  }

  private static String join(String scope, String name) {
    return scope.isEmpty() ? name : scope + "." + name;
  }

  private void enter(String scope) {
    List<String> next = new ArrayList<>(accessibleScopes);
    next.add(scope);
    accessibleScopes = next;
  }

  private void leave() {
    List<String> next = new ArrayList<>(accessibleScopes);
    next.remove(next.size() - 1);
    accessibleScopes = next;
  }

  // ==================================================================== passes

  /** Runs all passes over the modules (in the order they were collected). */
  List<Module> run(List<Module> modules) {
    List<Module> lowered = new ArrayList<>();
    for (Module m : modules) {
      lowered.add(new Module(m.name(), assignIfLabels(m.stmts())));
    }
    for (Module m : lowered) {
      enter(m.name());
      collectIdentifiers(m.stmts());
      leave();
    }
    for (Module m : lowered) {
      if (m.name().equals(mainScope)) {
        collectBuiltins(m.stmts());
      }
    }
    for (Module m : lowered) {
      enter(m.name());
      collectStructs(m.stmts());
      leave();
    }
    for (String name : new ArrayList<>(pendingStructs.keySet())) {
      materialize(name);
    }
    for (String name : new ArrayList<>(pendingReturns.keySet())) {
      materialize(name);
    }
    functionsToCompile = reachableFunctions(lowered);
    for (Module m : lowered) {
      visitModule(m);
    }
    resolveLabels();
    ids.defs
        .keySet()
        .removeIf(
            k -> {
              for (int dot = k.length(); dot > 0; dot = k.lastIndexOf('.', dot - 1)) {
                if (removedPrefixes.contains(k.substring(0, dot))) {
                  return true;
                }
              }
              return false;
            });
    return lowered;
  }

  // -------------------------------------------------------------- if labels and bool lowering

  private List<Stmt> assignIfLabels(List<Stmt> stmts) {
    if (stmts == null) {
      return null;
    }
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      out.add(assignIfLabels(s));
    }
    return out;
  }

  private Stmt assignIfLabels(Stmt s) {
    return switch (s) {
      case SIf i -> {
        SIf lowered = lowerConjunction(i);
        String neq = "$lbl" + uniqueNameCounter++;
        String end = "$lbl" + uniqueNameCounter++;
        yield new SIf(
            lowered.cond(),
            assignIfLabels(lowered.main()),
            assignIfLabels(lowered.orElse()),
            neq,
            end,
            lowered.loc());
      }
      case SFunction f ->
          new SFunction(
              f.isNamespace(),
              f.name(),
              f.nameLoc(),
              f.decorators(),
              f.decoratorLocs(),
              f.implicitArgs(),
              f.hasImplicitArgs(),
              f.args(),
              f.argsLoc(),
              f.returns(),
              assignIfLabels(f.body()),
              f.loc());
      case SWith w -> new SWith(w.ids(), assignIfLabels(w.body()), w.loc());
      case SWithAttr w -> new SWithAttr(w.name(), w.value(), assignIfLabels(w.body()), w.loc());
      default -> s;
    };
  }

  private static SIf lowerConjunction(SIf i) {
    if (i.cond() instanceof BoolEq) {
      return i;
    }
    if (i.orElse() != null) {
      throw new CairoCompileException(
          "Else blocks are not supported with boolean logic expressions yet.", i.loc());
    }
    BoolExpr lhs = i.cond();
    List<Stmt> main = i.main();
    while (lhs instanceof BoolAnd and) {
      main = List.of(new SIf(and.b(), main, null, null, null, i.loc()));
      lhs = and.a();
    }
    return new SIf(lhs, main, null, null, null, i.loc());
  }

  // -------------------------------------------------------------- identifier collection

  private void addFuture(String name, String kind, Loc loc) {
    Def existing = ids.get(name);
    if (existing != null) {
      if (!(existing instanceof FutureDef f)
          || !(f.kind().equals("reference") && kind.equals("reference"))) {
        throw new CairoCompileException("Redefinition of '" + name + "'.", loc);
      }
    }
    ids.put(name, new FutureDef(kind));
  }

  private void collectIdentifiers(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      collectIdentifiers(s);
    }
  }

  private void collectIdentifiers(Stmt s) {
    String scope = currentScope();
    switch (s) {
      case SConst c -> addFuture(join(scope, c.name()), "const", c.nameLoc());
      case SLabel l -> addFuture(join(scope, l.name()), "label", l.loc());
      case SReference r -> addFuture(join(scope, r.id().name()), "reference", r.id().loc());
      case SLocal r -> addFuture(join(scope, r.id().name()), "reference", r.id().loc());
      case STempvar r -> addFuture(join(scope, r.id().name()), "reference", r.id().loc());
      case SReturnValueRef r -> addFuture(join(scope, r.id().name()), "reference", r.id().loc());
      case STypedef t -> addFuture(join(scope, t.name()), "type_definition", t.nameLoc());
      case SStruct st -> addFuture(join(scope, st.name()), "struct", st.nameLoc());
      case SUnpack u -> {
        for (TypedId t : u.ids()) {
          if (!t.name().equals("_")) {
            addFuture(join(scope, t.name()), "reference", t.loc());
          }
        }
      }
      case SIf i -> {
        addFuture(join(scope, i.labelNeq()), "label", i.loc());
        addFuture(join(scope, i.labelEnd()), "label", i.loc());
        collectIdentifiers(i.main());
        if (i.orElse() != null) {
          collectIdentifiers(i.orElse());
        }
      }
      case SImport imp -> {
        for (AliasedId item : imp.items()) {
          String dst = imp.path() + "." + item.name();
          if (ids.get(dst) == null && !ids.isScope(dst)) {
            throw new CairoCompileException(
                "Cannot import '" + item.name() + "' from '" + imp.path() + "'.", item.loc());
          }
          String local = join(scope, item.localName());
          if (ids.get(local) != null) {
            throw new CairoCompileException("Redefinition of '" + local + "'.", item.loc());
          }
          ids.put(local, new AliasDef(dst));
        }
      }
      case SWith w -> collectIdentifiers(w.body());
      case SWithAttr w -> collectIdentifiers(w.body());
      case SFunction f -> {
        String fscope = join(scope, f.name());
        addFuture(fscope, f.isNamespace() ? "namespace" : "function", f.nameLoc());
        addFuture(fscope + ".Args", "struct", f.nameLoc());
        for (TypedId a : f.args()) {
          if (a.name().equals("SIZEOF_LOCALS")) {
            throw new CairoCompileException(
                "The name 'SIZEOF_LOCALS' is reserved and cannot be used as an argument name.",
                a.loc());
          }
          addFuture(join(fscope, a.name()), "reference", a.loc());
        }
        addFuture(fscope + ".ImplicitArgs", "struct", f.nameLoc());
        for (TypedId a : f.implicitArgs()) {
          addFuture(join(fscope, a.name()), "reference", a.loc());
        }
        addFuture(fscope + ".Return", "type_definition", f.nameLoc());
        Set<String> implicitNames = new HashSet<>();
        f.implicitArgs().forEach(a -> implicitNames.add(a.name()));
        for (TypedId a : f.args()) {
          if (implicitNames.contains(a.name())) {
            throw new CairoCompileException(
                "An argument cannot have the same name as an implicit argument.", a.loc());
          }
        }
        addFuture(fscope + ".SIZEOF_LOCALS", "const", f.nameLoc());
        enter(fscope);
        collectIdentifiers(f.body());
        leave();
      }
      default -> {}
    }
  }

  private void collectBuiltins(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof SBuiltins b) {
        if (!builtins.isEmpty()) {
          throw new CairoCompileException("Redefinition of builtins directive.", b.loc());
        }
        builtins.addAll(b.builtins());
      }
    }
  }

  // -------------------------------------------------------------- struct collection

  private record PendingStruct(List<TypedId> members, List<String> scopes, Loc loc) {}

  private void collectStructs(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      switch (s) {
        case SStruct st -> {
          for (TypedId m : st.members()) {
            if (m.type() == null) {
              throw new CairoCompileException(
                  "Struct members must be explicitly typed (e.g., x: felt).", m.loc());
            }
          }
          pendingStructs.put(
              join(currentScope(), st.name()),
              new PendingStruct(st.members(), List.copyOf(accessibleScopes), st.nameLoc()));
        }
        case STypedef t ->
            ids.put(join(currentScope(), t.name()), new TypeDef(resolveType(t.type(), t.loc())));
        case SFunction f -> {
          String fscope = join(currentScope(), f.name());
          enter(fscope);
          pendingStructs.put(
              fscope + ".Args",
              new PendingStruct(f.args(), List.copyOf(accessibleScopes), f.nameLoc()));
          pendingStructs.put(
              fscope + ".ImplicitArgs",
              new PendingStruct(f.implicitArgs(), List.copyOf(accessibleScopes), f.nameLoc()));
          pendingReturns.put(
              fscope + ".Return",
              new PendingReturn(
                  f.returns() == null ? new TTuple(List.of()) : f.returns(),
                  List.copyOf(accessibleScopes),
                  f.nameLoc()));
          collectStructs(f.body());
          leave();
        }
        default -> {}
      }
    }
  }

  private record PendingReturn(CType type, List<String> scopes, Loc loc) {}

  private final Map<String, PendingReturn> pendingReturns = new LinkedHashMap<>();

  /** The struct with this full name, collecting it first if needed. */
  private StructDef structDef(String fullName) {
    materialize(fullName);
    return ids.struct(fullName);
  }

  /** Collects a pending struct or function return type now (on first use). */
  private void materialize(String fullName) {
    PendingStruct pending = pendingStructs.remove(fullName);
    if (pending != null) {
      List<String> saved = accessibleScopes;
      accessibleScopes = pending.scopes();
      try {
        LinkedHashMap<String, MemberDef> members = new LinkedHashMap<>();
        int offset = 0;
        for (TypedId m : pending.members()) {
          if (m.local()) {
            throw new CairoCompileException("Unexpected modifier 'local'.", m.loc());
          }
          CType t = resolveType(m.type() == null ? new TFelt() : m.type(), m.loc());
          if (members.containsKey(m.name())) {
            throw new CairoCompileException(
                "Redefinition of '" + fullName + "." + m.name() + "'.", m.loc());
          }
          members.put(m.name(), new MemberDef(t, offset, m.loc()));
          offset += size(t, m.loc());
        }
        ids.put(fullName, new StructDef(fullName, members, offset));
      } finally {
        accessibleScopes = saved;
      }
    }
    PendingReturn ret = pendingReturns.remove(fullName);
    if (ret != null) {
      List<String> saved = accessibleScopes;
      accessibleScopes = ret.scopes();
      try {
        ids.put(fullName, new TypeDef(resolveType(ret.type(), ret.loc())));
      } finally {
        accessibleScopes = saved;
      }
    }
  }

  /** Resolves type names to full struct names in the current scopes. */
  CType resolveType(CType t, Loc loc) {
    return switch (t) {
      case TFelt f -> f;
      case TCodeoffset c -> c;
      case TStruct s -> s;
      case TPointer p -> new TPointer(resolveType(p.pointee(), loc));
      case TTuple tt -> {
        boolean anyNamed = tt.items().stream().anyMatch(i -> i.name() != null);
        boolean anyUnnamed = tt.items().stream().anyMatch(i -> i.name() == null);
        if (anyNamed && anyUnnamed) {
          throw new CairoCompileException("All fields in a named tuple must have a name.", loc);
        }
        List<TItem> items = new ArrayList<>();
        for (TItem i : tt.items()) {
          items.add(new TItem(i.name(), resolveType(i.type(), loc)));
        }
        yield new TTuple(List.copyOf(items));
      }
      case TIdent id -> {
        Found f;
        try {
          f = ids.search(accessibleScopes, id.name());
        } catch (RuntimeException e) {
          throw new CairoCompileException(e.getMessage(), loc);
        }
        assertFullyParsed(f, loc);
        materialize(f.canonicalName());
        Def d = ids.get(f.canonicalName());
        if (d instanceof TypeDef td) {
          yield resolveType(td.type(), loc);
        }
        if (d instanceof FutureDef fd && fd.kind().equals("type_definition")) {
          throw new CairoCompileException("Cannot use a type before its definition.", loc);
        }
        if (d instanceof StructDef || (d instanceof FutureDef fd2 && fd2.kind().equals("struct"))) {
          yield new TStruct(f.canonicalName());
        }
        throw new CairoCompileException(
            "Expected '" + f.canonicalName() + "' to be struct. Found: '" + d.typeName() + "'.",
            loc);
      }
    };
  }

  private static void assertFullyParsed(Found f, Loc loc) {
    if (!f.nonParsed().isEmpty()) {
      throw new CairoCompileException(
          "Unexpected '.' after '" + f.canonicalName() + "' which is " + f.def().typeName() + ".",
          loc);
    }
  }

  int size(CType t, Loc loc) {
    return switch (t) {
      case TFelt f -> 1;
      case TCodeoffset c -> 1;
      case TPointer p -> 1;
      case TStruct s -> {
        try {
          yield structDef(s.fullName()).size();
        } catch (Identifiers.IdentifierException | Identifiers.MissingException e) {
          throw new CairoCompileException(e.getMessage(), loc);
        }
      }
      case TTuple tt -> {
        int n = 0;
        for (TItem i : tt.items()) {
          n += size(i.type(), loc);
        }
        yield n;
      }
      case TIdent i -> size(resolveType(i, loc), loc);
    };
  }

  // -------------------------------------------------------------- reachable functions

  private final Map<String, List<String>> dependencies = new HashMap<>();
  private String depFunction;

  private Set<String> reachableFunctions(List<Module> modules) {
    for (Module m : modules) {
      enter(m.name());
      depVisit(m.stmts());
      leave();
    }
    Set<String> roots = new HashSet<>();
    for (Map.Entry<String, Def> e : ids.defs.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(mainScope + ".")) {
        continue;
      }
      String rest = name.substring(mainScope.length() + 1);
      if (rest.contains(".")) {
        roots.add(mainScope + "." + rest.substring(0, rest.indexOf('.')));
      } else if (e.getValue() instanceof AliasDef a) {
        roots.add(a.destination());
      }
    }
    Set<String> visited = new HashSet<>();
    List<String> stack = new ArrayList<>(roots);
    while (!stack.isEmpty()) {
      String name = stack.remove(stack.size() - 1);
      while (!name.isEmpty() && !dependencies.containsKey(name)) {
        int dot = name.lastIndexOf('.');
        name = dot < 0 ? "" : name.substring(0, dot);
      }
      if (name.isEmpty() || !visited.add(name)) {
        continue;
      }
      stack.addAll(dependencies.get(name));
    }
    return visited;
  }

  private void depUse(String name, Loc loc, boolean resolved) {
    if (name.endsWith("._") || name.equals("_")) {
      return;
    }
    String canonical = name;
    if (!resolved) {
      try {
        canonical = ids.search(accessibleScopes, name).canonicalName();
      } catch (Identifiers.MissingException | Identifiers.IdentifierException e) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        if (last.startsWith("__")) {
          return;
        }
        throw new CairoCompileException(e.getMessage(), loc);
      }
    }
    if (depFunction != null) {
      dependencies.get(depFunction).add(canonical);
    }
  }

  private void depVisit(List<Stmt> stmts) {
    if (stmts == null) {
      return;
    }
    for (Stmt s : stmts) {
      depVisit(s);
    }
  }

  private void depVisit(Stmt s) {
    switch (s) {
      case SFunction f -> {
        String fscope = join(currentScope(), f.name());
        String saved = depFunction;
        if (!f.isNamespace()) {
          depFunction = fscope;
          dependencies.computeIfAbsent(fscope, k -> new ArrayList<>());
        }
        enter(fscope);
        for (TypedId t : f.implicitArgs()) {
          depUse(t.name(), t.loc(), false);
        }
        for (TypedId t : f.args()) {
          depUse(t.name(), t.loc(), false);
        }
        depVisit(f.body());
        leave();
        depFunction = saved;
      }
      case SInstruction i -> depInstr(i.body());
      case SConst c -> {
        depUse(c.name(), c.nameLoc(), false);
        depExpr(c.expr());
      }
      case SReference r -> {
        depUse(r.id().name(), r.id().loc(), false);
        depExpr(r.expr());
      }
      case SReturnValueRef r -> {
        depUse(r.id().name(), r.id().loc(), false);
        if (r.call() != null) {
          depCall(r.call());
        } else {
          depInstr(r.callInstr());
        }
      }
      case SUnpack u -> {
        for (TypedId t : u.ids()) {
          depUse(t.name(), t.loc(), false);
        }
        depCall(u.call());
      }
      case SLocal l -> {
        depUse(l.id().name(), l.id().loc(), false);
        depExpr(l.expr());
      }
      case STempvar l -> {
        depUse(l.id().name(), l.id().loc(), false);
        depExpr(l.expr());
      }
      case SAssertEq a -> {
        depExpr(a.a());
        depExpr(a.b());
      }
      case SStaticAssert a -> {
        depExpr(a.a());
        depExpr(a.b());
      }
      case SReturn r -> depExpr(r.expr());
      case STailCall t -> depCall(t.call());
      case SFuncCall f -> depCall(f.call());
      case SIf i -> {
        depBool(i.cond());
        depVisit(i.main());
        depVisit(i.orElse());
      }
      case SLabel l -> depUse(l.name(), l.loc(), false);
      case SWith w -> {
        for (AliasedId a : w.ids()) {
          depUse(a.name(), a.loc(), false);
        }
        depVisit(w.body());
      }
      case SWithAttr w -> depVisit(w.body());
      case SImport imp -> {
        for (AliasedId item : imp.items()) {
          depUse(imp.path() + "." + item.name(), imp.loc(), true);
        }
      }
      default -> {}
    }
  }

  private void depBool(BoolExpr b) {
    if (b instanceof BoolEq e) {
      depExpr(e.a());
      depExpr(e.b());
    } else if (b instanceof BoolAnd a) {
      depBool(a.a());
      depBool(a.b());
    }
  }

  private void depInstr(Instr i) {
    switch (i) {
      case IAssertEq a -> {
        depExpr(a.a());
        depExpr(a.b());
      }
      case IJump j -> depExpr(j.val());
      case IJumpLabel j -> {
        depUse(j.label(), j.labelLoc(), false);
        depExpr(j.condition());
      }
      case IJnz j -> {
        depExpr(j.offset());
        depExpr(j.condition());
      }
      case ICall c -> depExpr(c.val());
      case ICallLabel c -> depUse(c.label(), c.labelLoc(), c.fullyQualified());
      case IAddAp a -> depExpr(a.expr());
      case IDw d -> depExpr(d.expr());
      default -> {}
    }
  }

  private void depCall(FuncCall c) {
    depUse(c.name(), c.nameLoc(), false);
    if (c.implicitArgs() != null) {
      for (Arg a : c.implicitArgs()) {
        depExpr(a.expr());
      }
    }
    for (Arg a : c.args()) {
      depExpr(a.expr());
    }
  }

  private void depExpr(Expr e) {
    if (e == null) {
      return;
    }
    switch (e) {
      case EIdent i -> depUse(i.name(), i.loc(), false);
      case EOp o -> {
        depExpr(o.a());
        depExpr(o.b());
      }
      case EPow p -> {
        depExpr(p.a());
        depExpr(p.b());
      }
      case ENeg n -> depExpr(n.val());
      case EParen p -> depExpr(p.val());
      case EDeref d -> depExpr(d.addr());
      case EAddrOf a -> depExpr(a.expr());
      case ESubscript s -> {
        depExpr(s.expr());
        depExpr(s.offset());
      }
      case EDot d -> depExpr(d.expr());
      case ECast c -> depExpr(c.expr());
      case ETuple t -> t.args().forEach(a -> depExpr(a.expr()));
      case EFuncCall f -> depCall(f.call());
      case ENew n -> {
        if (depFunction == null) {
          throw new CairoCompileException(
              "The new operator is not supported outside of a function.", n.loc());
        }
        depExpr(n.expr());
        depUse("starkware.cairo.lang.compiler.lib.registers.get_ap", n.loc(), true);
      }
      default -> {}
    }
  }

  // ==================================================================== preprocessing

  private Flow flowGet() {
    if (flow == null) {
      flow = new Flow(nextGroup++, 0, Map.of());
    }
    return flow;
  }

  private void flowAddAp(Change c) {
    Flow f = flowGet();
    flow = addAp(f, c);
  }

  private Flow addAp(Flow f, Change c) {
    if (c.isKnown()) {
      return new Flow(f.group(), f.offset() + c.value(), f.refIds());
    }
    return new Flow(nextGroup++, 0, f.refIds());
  }

  private Change apDiff(int group, int offset, int fromGroup, int fromOffset) {
    return group == fromGroup ? Change.known(offset - fromOffset) : Change.UNKNOWN;
  }

  private Expr evalRef(Reference r, int group, int offset) {
    Change d = apDiff(group, offset, r.group(), r.offset());
    return Exprs.translateAp(r.value(), d.isKnown() ? d.value() : null);
  }

  /** Converges two flows ({@code a} first); null means unreachable. */
  private Flow converge(Flow a, Flow b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    int group;
    int offset;
    if (a.group() == b.group() && a.offset() == b.offset()) {
      group = a.group();
      offset = a.offset();
    } else {
      group = nextGroup++;
      offset = 0;
    }
    Map<String, Integer> refs = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : a.refIds().entrySet()) {
      Integer other = b.refIds().get(e.getKey());
      if (other == null) {
        continue;
      }
      if (other.equals(e.getValue())) {
        refs.put(e.getKey(), other);
        continue;
      }
      Reference ra = references.get(e.getValue());
      Reference rb = references.get(other);
      Expr ea;
      Expr eb;
      try {
        ea = evalRef(ra, a.group(), a.offset());
        eb = evalRef(rb, b.group(), b.offset());
      } catch (Exprs.ApDeductionException ex) {
        continue;
      }
      if (Exprs.sameExpr(Exprs.simplify(ea, false), Exprs.simplify(eb, false))) {
        List<Loc> locs = new ArrayList<>(ra.locs());
        locs.addAll(rb.locs());
        references.add(new Reference(ra.pc(), ea, group, offset, locs, null));
        refs.put(e.getKey(), references.size() - 1);
      }
    }
    return new Flow(group, offset, refs);
  }

  private void addFlowToLabel(String label, Change change) {
    Flow newData = addAp(flowGet(), change);
    labelsData.put(label, converge(labelsData.get(label), newData));
  }

  private void convergeWithLabel(String label) {
    flow = converge(flow, labelsData.get(label));
  }

  private void addReferenceToFlow(String name, Reference r) {
    Flow f = flowGet();
    references.add(r);
    Map<String, Integer> refs = new LinkedHashMap<>(f.refIds());
    refs.put(name, references.size() - 1);
    flow = new Flow(f.group(), f.offset(), refs);
  }

  private void checkNoHints(String msg) {
    if (!nextHints.isEmpty()) {
      throw new CairoCompileException(msg, nextHints.get(0).hint().loc());
    }
  }

  private void visitModule(Module m) {
    directivesAllowed = true;
    flow = null;
    enter(m.name());
    visitBlock(m.stmts());
    leave();
  }

  private void visitBlock(List<Stmt> stmts) {
    Stmt saved = currentStmt;
    try {
      for (Stmt s : stmts) {
        currentStmt = s;
        visit(s);
        if (!(s instanceof SBuiltins || s instanceof SLang)) {
          directivesAllowed = false;
        }
      }
    } finally {
      currentStmt = saved;
    }
    checkNoHints(
        "Found a hint at the end of a code block. Hints must be followed by an instruction.");
  }

  private void visit(Stmt s) {
    switch (s) {
      case SFunction f -> visitFunction(f);
      case SStruct st -> checkNoHints("Hints before functions are not allowed.");
      case STypedef t -> checkNoHints("Hints before \"using\" statements are not allowed.");
      case SImport i -> {}
      case SBuiltins b -> {
        if (!directivesAllowed) {
          throw new CairoCompileException(
              "Directives must appear at the top of the file.", b.loc());
        }
      }
      case SLang l -> {
        if (!directivesAllowed) {
          throw new CairoCompileException(
              "Directives must appear at the top of the file.", l.loc());
        }
        throw new CairoCompileException(
            "Unsupported %lang directive. Are you using the correct compiler?", l.loc());
      }
      case SWith w -> visitWith(w);
      case SWithAttr w -> visitWithAttr(w);
      case SIf i -> visitIf(i);
      case SAllocLocals a -> visitAllocLocals(a);
      case SInstruction i -> visitInstruction(i.body(), i.incAp(), i.loc());
      case SConst c -> visitConst(c);
      case SReference r -> visitReference(r);
      case SLocal l ->
          throw new CairoCompileException(
              "Local variables are not supported outside of functions.", l.loc());
      case STempvar t -> visitTempvar(t);
      case SAssertEq a -> visitAssertEq(a);
      case SStaticAssert a -> visitStaticAssert(a);
      case SReturn r -> visitReturn(r);
      case STailCall t -> visitTailCall(t);
      case SFuncCall f -> visitFuncCall(f.call());
      case SReturnValueRef r -> visitReturnValueRef(r);
      case SUnpack u -> visitUnpack(u);
      case SLabel l -> {
        checkNoHints("Hints before labels are not allowed.");
        addLabel(l.name(), l.loc());
      }
      case SHint h -> nextHints.add(new PendingHint(h, flowGet()));
    }
  }

  private void addLabel(String name, Loc loc) {
    checkNoHints("Hints before labels are not allowed.");
    String full = join(currentScope(), name);
    convergeWithLabel(full);
    ids.put(full, new LabelDef(currentPc));
  }

  // -------------------------------------------------------------- functions

  private void visitFunction(SFunction f) {
    checkNoHints("Hints before functions are not allowed.");
    Loc knownApChangeLoc = null;
    for (int i = 0; i < f.decorators().size(); i++) {
      String d = f.decorators().get(i);
      if (d.equals("known_ap_change") && !f.isNamespace()) {
        knownApChangeLoc = f.decoratorLocs().get(i);
        continue;
      }
      throw new CairoCompileException(
          "Unsupported decorator: '" + d + "'.", f.decoratorLocs().get(i));
    }
    flow = null;
    String newScope = join(currentScope(), f.name());
    if (functionMetadata.containsKey(currentScope())) {
      throw new CairoCompileException(
          f.isNamespace()
              ? "Cannot define a namespace inside a function."
              : "Nested functions are not supported.",
          f.nameLoc());
    }
    if (!f.isNamespace()) {
      if (!functionsToCompile.contains(newScope)) {
        removedPrefixes.add(newScope);
        return;
      }
      FunctionDef def = new FunctionDef(f.decorators());
      def.pc = currentPc;
      ids.put(newScope, def);
      Flow fl = flowGet();
      functionMetadata.put(newScope, new FuncMeta(fl.group(), fl.offset()));
    } else {
      ids.put(newScope, new NamespaceDef());
    }
    StructDef args = structDef(newScope + ".Args");
    StructDef implicit = structDef(newScope + ".ImplicitArgs");
    addArgReferences(f.args(), args, newScope, -(2 + args.size()));
    addArgReferences(f.implicitArgs(), implicit, newScope, -(2 + args.size() + implicit.size()));
    Map<String, Boolean> states = new HashMap<>(referenceStates);
    for (TypedId t : f.implicitArgs()) {
      states.put(join(newScope, t.name()), true);
    }
    Map<String, Boolean> savedStates = referenceStates;
    referenceStates = states;
    enter(newScope);
    try {
      visitFunctionBody(f.body(), f.nameLoc());
    } finally {
      leave();
      referenceStates = savedStates;
    }
    if (!f.isNamespace()) {
      if (flow != null) {
        throw new CairoCompileException(
            "Function must end with a return instruction or a jump.", f.nameLoc());
      }
      FuncMeta meta = functionMetadata.get(newScope);
      meta.completed = true;
      if (knownApChangeLoc != null && !meta.totalApChange.isKnown()) {
        throw new CairoCompileException(
            "The compiler was unable to deduce the change of the ap register, as required by this"
                + " decorator.",
            knownApChangeLoc);
      }
      if (meta.totalApChange.kind() == 2) {
        meta.totalApChange = Change.UNKNOWN;
      }
    }
  }

  private void addArgReferences(List<TypedId> list, StructDef struct, String scope, int start) {
    int i = 0;
    for (MemberDef m : struct.members().values()) {
      TypedId arg = list.get(i++);
      if (arg.local()) {
        throw new CairoCompileException("Unexpected modifier 'local'.", arg.loc());
      }
      addSimpleReference(join(scope, arg.name()), false, m.type(), start + m.offset(), arg.loc());
    }
  }

  private static final int MAX_REFERENCE_RETRIES = 4;

  /** Revoked references seen while compiling a function optimistically. */
  private static final class ReferenceTrial {
    final Map<Reference, CairoCompileException> bad = new LinkedHashMap<>();
    final Map<Reference, String> names = new java.util.IdentityHashMap<>();
  }

  /** A snapshot of the state a function body changes, to compile it again. */
  private record Memento(
      int instructions,
      int pc,
      Flow flow,
      Map<String, Flow> labelsData,
      int nextGroup,
      int references,
      int nextTempId,
      Map<String, Boolean> referenceStates,
      int attributes) {}

  private Memento snapshot() {
    ids.mark();
    return new Memento(
        instructions.size(),
        currentPc,
        flow,
        new HashMap<>(labelsData),
        nextGroup,
        references.size(),
        nextTempId,
        referenceStates,
        attributes.size());
  }

  private void restore(Memento m) {
    instructions.subList(m.instructions(), instructions.size()).clear();
    currentPc = m.pc();
    flow = m.flow();
    labelsData.clear();
    labelsData.putAll(m.labelsData());
    nextGroup = m.nextGroup();
    references.subList(m.references(), references.size()).clear();
    nextTempId = m.nextTempId();
    referenceStates = m.referenceStates();
    attributes.subList(m.attributes(), attributes.size()).clear();
    ids.rollback();
    // Like StarkWare's memento, bindings a failed trial added to references that existed before it
    // are kept (they show in the identifiers, not in the code).
  }

  private void visitFunctionBody(List<Stmt> body, Loc loc) {
    List<Stmt> code = body;
    int tryIndex = 0;
    while (true) {
      Memento memento = snapshot();
      LocalsResult locals = new LocalsResult();
      List<Stmt> processed = new ArrayList<>();
      for (Stmt s : code) {
        processed.addAll(localsVisit(s, locals));
      }
      if (locals.size > 0 && !locals.sawSizeofLocals) {
        throw new CairoCompileException(
            "A function with local variables must use alloc_locals.", locals.firstLoc);
      }
      processed.add(0, new SConst("SIZEOF_LOCALS", loc, Exprs.c(locals.size, loc), loc));
      if (!locals.sawAllocLocals) {
        visitBlock(processed);
        return;
      }
      ReferenceTrial t = new ReferenceTrial();
      trial = t;
      try {
        visitBlock(processed);
      } finally {
        trial = null;
      }
      if (t.bad.isEmpty()) {
        return;
      }
      CairoCompileException first = t.bad.values().iterator().next();
      if (tryIndex >= MAX_REFERENCE_RETRIES) {
        throw first;
      }
      tryIndex++;
      restore(memento);
      code = fixRevocations(code, t, first);
    }
  }

  /** Injects {@code local x = x;} after the statement that defined each revoked reference. */
  private List<Stmt> fixRevocations(
      List<Stmt> code, ReferenceTrial t, CairoCompileException first) {
    Map<Stmt, List<Stmt>> injections = new java.util.IdentityHashMap<>();
    for (Map.Entry<Reference, CairoCompileException> e : t.bad.entrySet()) {
      Reference ref = e.getKey();
      if (ref.definedBy() == null) {
        throw e.getValue();
      }
      CType type = simplify(ref.value()).type();
      String full = t.names.get(ref);
      String base = full.substring(full.lastIndexOf('.') + 1);
      Loc last = ref.locs().isEmpty() ? null : ref.locs().get(ref.locs().size() - 1);
      Loc loc =
          last == null
              ? null
              : last.withParent(last, "While auto generating local variable for '" + base + "'.");
      injections
          .computeIfAbsent(ref.definedBy(), k -> new ArrayList<>())
          .add(new SLocal(new TypedId(false, base, type, loc), new EIdent(base, loc), loc));
    }
    List<Stmt> out = inject(code, injections);
    if (!injections.isEmpty()) {
      throw first;
    }
    return out;
  }

  private static List<Stmt> inject(List<Stmt> code, Map<Stmt, List<Stmt>> injections) {
    if (code == null) {
      return null;
    }
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : code) {
      Stmt n =
          switch (s) {
            case SIf i ->
                new SIf(
                    i.cond(),
                    inject(i.main(), injections),
                    inject(i.orElse(), injections),
                    i.labelNeq(),
                    i.labelEnd(),
                    i.loc());
            case SWith w -> new SWith(w.ids(), inject(w.body(), injections), w.loc());
            case SWithAttr w ->
                new SWithAttr(w.name(), w.value(), inject(w.body(), injections), w.loc());
            default -> s;
          };
      out.add(n);
      List<Stmt> extra = injections.remove(s);
      if (extra != null) {
        out.addAll(extra);
      }
    }
    return out;
  }

  private static final class LocalsResult {
    int size;
    Loc firstLoc;
    boolean sawSizeofLocals;
    boolean sawAllocLocals;
  }

  private static Expr simpleRef(boolean ap, int offset, CType type, Loc loc) {
    return new EDeref(
        new ECast(
            new EOp(new EReg(ap, loc), "+", Exprs.c(offset, loc), loc),
            new TPointer(type),
            CastKind.EXPLICIT,
            loc),
        loc);
  }

  private List<Stmt> localsVisitBlock(List<Stmt> stmts, LocalsResult r) {
    if (stmts == null) {
      return null;
    }
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      out.addAll(localsVisit(s, r));
    }
    return out;
  }

  private List<Stmt> localsVisit(Stmt s, LocalsResult r) {
    switch (s) {
      case SIf i -> {
        List<Stmt> main = localsVisitBlock(i.main(), r);
        List<Stmt> orElse = localsVisitBlock(i.orElse(), r);
        return List.of(new SIf(i.cond(), main, orElse, i.labelNeq(), i.labelEnd(), i.loc()));
      }
      case SWithAttr w -> {
        return List.of(new SWithAttr(w.name(), w.value(), localsVisitBlock(w.body(), r), w.loc()));
      }
      case SWith w -> {
        return List.of(new SWith(w.ids(), localsVisitBlock(w.body(), r), w.loc()));
      }
      case SStaticAssert a -> {
        if (usesSizeofLocals(a.a()) || usesSizeofLocals(a.b())) {
          r.sawSizeofLocals = true;
        }
        return List.of(s);
      }
      case SInstruction i -> {
        if (i.body() instanceof IAddAp add && usesSizeofLocals(add.expr())) {
          r.sawSizeofLocals = true;
        }
        return List.of(s);
      }
      case SAllocLocals a -> {
        r.sawSizeofLocals = true;
        r.sawAllocLocals = true;
        return List.of(
            a,
            new SInstruction(
                new IAddAp(new EIdent("SIZEOF_LOCALS", a.loc()), a.loc()), false, a.loc()));
      }
      case SLocal l -> {
        if (r.firstLoc == null) {
          r.firstLoc = l.loc();
        }
        if (l.id().local()) {
          throw new CairoCompileException("Unexpected modifier 'local'.", l.id().loc());
        }
        CType type = l.id().type() == null ? new TFelt() : l.id().type();
        Expr ref = simpleRef(false, r.size, type, l.id().nameLoc());
        List<Stmt> out = new ArrayList<>();
        if (l.expr() != null) {
          if (l.expr() instanceof EHint h) {
            if (!(type instanceof TFelt || type instanceof TPointer)) {
              throw new CairoCompileException(
                  "Only a felt or a pointer can be initialized using nondet.", h.loc());
            }
            out.add(
                new SHint(
                    "memory[fp + " + r.size + "] = to_felt_or_relocatable(" + h.code() + ")",
                    0,
                    h.loc()));
          } else {
            out.add(
                new SAssertEq(
                    ref, new ECast(l.expr(), type, CastKind.ASSIGN, l.expr().loc()), l.loc()));
          }
        }
        out.add(
            new SReference(
                new TypedId(false, l.id().name(), l.id().type(), l.id().loc(), l.id().nameLoc()),
                ref,
                l.loc()));
        r.size += size(resolveType(type, l.loc()), l.loc());
        return out;
      }
      case SUnpack u -> {
        List<Stmt> out = new ArrayList<>();
        out.add(u);
        TTuple type = unpackingType(u);
        for (int i = 0; i < u.ids().size(); i++) {
          TypedId t = u.ids().get(i);
          if (!t.local()) {
            continue;
          }
          CType ttype = t.type() == null ? type.items().get(i).type() : t.type();
          if (t.name().equals("_")) {
            throw new CairoCompileException("Reference name cannot be '_'.", t.loc());
          }
          out.addAll(
              localsVisit(
                  new SLocal(
                      new TypedId(false, t.name(), ttype, t.loc(), t.nameLoc()),
                      new EIdent(t.name(), t.nameLoc()),
                      t.loc()),
                  r));
        }
        return out;
      }
      default -> {
        return List.of(s);
      }
    }
  }

  private static boolean usesSizeofLocals(Expr e) {
    return e != null && Exprs.format(e).matches("(?s).*\\bSIZEOF_LOCALS\\b.*");
  }

  // -------------------------------------------------------------- simple statements

  private void visitWith(SWith w) {
    Map<String, Boolean> states = new HashMap<>(referenceStates);
    for (AliasedId a : w.ids()) {
      String full = join(currentScope(), a.name());
      if (a.alias() != null) {
        throw new CairoCompileException(
            "The 'as' keyword is not supported in 'with' statements.", a.loc());
      }
      Def d = ids.get(full);
      if (d == null) {
        throw new CairoCompileException("Unknown reference '" + a.name() + "'.", a.loc());
      }
      if (!(d instanceof ReferenceDef)
          && !(d instanceof FutureDef fd && fd.kind().equals("reference"))) {
        throw new CairoCompileException(
            "Expected '" + a.name() + "' to be a reference, found: " + d.typeName() + ".", a.loc());
      }
      states.put(full, true);
    }
    Map<String, Boolean> saved = referenceStates;
    referenceStates = states;
    try {
      visitBlock(w.body());
    } finally {
      referenceStates = saved;
    }
  }

  private void visitWithAttr(SWithAttr w) {
    int start = currentPc;
    Flow f = flowGet();
    List<String> scopes = List.copyOf(accessibleScopes);
    visitBlock(w.body());
    attributes.add(new Attribute(w.name(), w.value(), start, currentPc, f, scopes));
  }

  private void visitAllocLocals(SAllocLocals a) {
    FuncMeta meta = functionMetadata.get(currentScope());
    if (meta == null) {
      throw new CairoCompileException(
          "alloc_locals cannot be used outside of a function.", a.loc());
    }
    if (flow == null || flow.group() != meta.initialGroup || flow.offset() != meta.initialOffset) {
      throw new CairoCompileException(
          "alloc_locals must be used before any instruction that changes the ap register.",
          a.loc());
    }
  }

  private void visitConst(SConst c) {
    String name = join(currentScope(), c.name());
    Expr val = simplifyAsFelt(c.expr());
    if (!(val instanceof EConst k)) {
      throw new CairoCompileException("Expected a constant expression.", c.expr().loc());
    }
    ids.put(name, new ConstDef(k.val()));
  }

  private void visitStaticAssert(SStaticAssert s) {
    Expr a = simplifyAsFelt(s.a());
    Expr b = simplifyAsFelt(s.b());
    if (!Exprs.sameExpr(a, b)) {
      throw new CairoCompileException(
          "Static assert failed: " + Exprs.format(a) + " != " + Exprs.format(b) + ".", s.loc());
    }
  }

  private void visitReference(SReference r) {
    String name = join(currentScope(), r.id().name());
    Typed v = simplify(r.expr());
    if (r.id().local()) {
      throw new CairoCompileException("Unexpected modifier 'local'.", r.id().loc());
    }
    checkReferenceExpression(v.expr());
    CType dst = r.id().type() != null ? resolveType(r.id().type(), r.id().loc()) : v.type();
    if (!checkCast(v.type(), dst, CastKind.ASSIGN, null, r.loc())) {
      throw new CairoCompileException(
          "Cannot assign an expression of type '"
              + Exprs.formatType(v.type())
              + "' to a reference of type '"
              + Exprs.formatType(dst)
              + "'.",
          r.id().loc());
    }
    Loc loc = v.expr().loc();
    Expr refExpr;
    if (v.expr() instanceof EDeref d) {
      refExpr =
          new EDeref(
              new ECast(d.addr(), new TPointer(dst), CastKind.EXPLICIT, d.addr().loc()), loc);
    } else {
      refExpr = new ECast(v.expr(), dst, CastKind.FORCED, loc);
    }
    addReference(name, refExpr, dst, r.id().loc());
  }

  private void checkReferenceExpression(Expr e) {
    // Hints, "new" and function calls cannot be bound to a reference.
    switch (e) {
      case EHint h ->
          throw new CairoCompileException(
              "The use of hints in reference expressions is not allowed.", h.loc());
      case ENew n ->
          throw new CairoCompileException(
              "The use of 'new' in reference expressions is not allowed.", n.loc());
      case EFuncCall f ->
          throw new CairoCompileException(
              "Function calls are not allowed inside reference expressions.", f.loc());
      case EOp o -> {
        checkReferenceExpression(o.a());
        checkReferenceExpression(o.b());
      }
      case EDeref d -> checkReferenceExpression(d.addr());
      case ECast c -> checkReferenceExpression(c.expr());
      case ENeg n -> checkReferenceExpression(n.val());
      case ETuple t -> t.args().forEach(a -> checkReferenceExpression(a.expr()));
      default -> {}
    }
  }

  void addSimpleReference(String name, boolean ap, CType type, int offset, Loc loc) {
    addReference(name, simpleRef(ap, offset, type, loc), type, loc);
  }

  private void addReference(String name, Expr value, CType type, Loc loc) {
    if (name.endsWith("._") || name.equals("_")) {
      throw new CairoCompileException("Reference name cannot be '_'.", loc);
    }
    Flow f = flowGet();
    Reference ref =
        new Reference(
            currentPc,
            value,
            f.group(),
            f.offset(),
            loc == null ? List.of() : List.of(loc),
            currentStmt);
    addReferenceToFlow(name, ref);
    Def existing = ids.get(name);
    if (existing instanceof ReferenceDef rd) {
      if (!rd.type.equals(type)) {
        throw new CairoCompileException(
            "Reference rebinding must preserve the reference type. Previous type: '"
                + Exprs.formatType(rd.type)
                + "', new type: '"
                + Exprs.formatType(type)
                + "'.",
            loc);
      }
      rd.references.add(ref);
    } else {
      if (existing == null && !name.substring(name.lastIndexOf('.') + 1).startsWith("__temp")) {
        throw new CairoCompileException("Identifier '" + name + "' is not defined.", loc);
      }
      ReferenceDef rd = new ReferenceDef(name, type);
      rd.references.add(ref);
      ids.put(name, rd);
    }
  }

  // -------------------------------------------------------------- tempvar / assert / if

  private void visitTempvar(STempvar t) {
    if (t.id().local()) {
      throw new CairoCompileException("Unexpected modifier 'local'.", t.id().loc());
    }
    CType dst;
    int srcSize;
    if (t.expr() == null || t.expr() instanceof EHint) {
      dst = resolveType(t.id().type() == null ? new TFelt() : t.id().type(), t.id().loc());
      srcSize = size(dst, t.loc());
      if (t.expr() instanceof EHint h) {
        if (!(dst instanceof TFelt || dst instanceof TPointer)) {
          throw new CairoCompileException(
              "Only a felt or a pointer can be initialized using nondet.", h.loc());
        }
        visit(new SHint("memory[ap] = to_felt_or_relocatable(" + h.code() + ")", 0, t.loc()));
      }
      visitInstruction(new IAddAp(Exprs.c(srcSize, t.loc()), t.loc()), false, t.loc());
    } else {
      Expr e = t.expr() instanceof ENew n ? exprForNew(n) : t.expr();
      Typed v = simplify(e);
      srcSize = size(v.type(), t.loc());
      if (t.id().type() == null) {
        dst = v.type();
      } else {
        dst = resolveType(t.id().type(), t.id().loc());
        if (!checkCast(v.type(), dst, CastKind.ASSIGN, null, t.loc())) {
          throw new CairoCompileException(
              "Cannot assign an expression of type '"
                  + Exprs.formatType(v.type())
                  + "' to a temporary variable of type '"
                  + Exprs.formatType(dst)
                  + "'.",
              t.id().loc());
        }
      }
      List<Expr> src = toFeltList(v.expr(), v.type());
      pushCompound(src, t.loc());
    }
    addSimpleReference(join(currentScope(), t.id().name()), true, dst, -srcSize, t.id().nameLoc());
  }

  private Expr exprForNew(ENew n) {
    Loc loc = n.loc();
    Typed inner = simplify(n.expr());
    List<Expr> innerExprs = toFeltList(inner.expr(), inner.type());
    pushCompound(innerExprs, loc);
    visitInstruction(
        new ICallLabel("starkware.cairo.lang.compiler.lib.registers.get_ap", loc, true, loc),
        false,
        loc);
    int innerSize = size(inner.type(), loc);
    Expr e = new EOp(simpleRef(true, -1, new TFelt(), loc), "-", Exprs.c(innerSize, loc), loc);
    if (n.typed()) {
      e = new ECast(e, new TPointer(inner.type()), CastKind.EXPLICIT, loc);
    }
    return e;
  }

  private void visitAssertEq(SAssertEq s) {
    Typed a = simplify(s.a());
    Typed b = simplify(s.b());
    if (!a.type().equals(b.type())) {
      throw new CairoCompileException(
          "Cannot compare '"
              + Exprs.formatType(a.type())
              + "' and '"
              + Exprs.formatType(b.type())
              + "'.",
          s.loc());
    }
    List<Expr> dsts = toFeltList(a.expr(), a.type());
    List<Expr> srcs = toFeltList(b.expr(), b.type());
    Flow start = flowGet();
    for (int i = 0; i < dsts.size(); i++) {
      Flow now = flowGet();
      Change diff = apDiff(now.group(), now.offset(), start.group(), start.offset());
      Integer d = diff.isKnown() ? diff.value() : null;
      Expr dst = Exprs.simplify(Exprs.translateAp(dsts.get(i), d));
      Expr src = Exprs.simplify(Exprs.translateAp(srcs.get(i), d));
      List<Expr> pair;
      if (Exprs.isSimpleDeref(dst)) {
        pair = compound(List.of(dst, src), List.of(Sim.DEREF, Sim.OPERATION));
      } else {
        pair = compound(List.of(dst, src), List.of(Sim.OPERATION, Sim.DEREF));
      }
      visitInstruction(new IAssertEq(pair.get(0), pair.get(1), s.loc()), false, s.loc());
    }
  }

  private void visitIf(SIf i) {
    BoolEq cond = (BoolEq) i.cond();
    Expr condExpr = simplifyAsFelt(new EOp(cond.a(), "-", cond.b(), cond.loc()));
    Expr res = compound(List.of(condExpr), List.of(Sim.DEREF)).get(0);
    visitInstruction(new IJumpLabel(i.labelNeq(), i.loc(), res, i.loc()), false, i.loc());
    List<Stmt> eqBlock = cond.eq() ? i.main() : i.orElse();
    List<Stmt> neqBlock = cond.eq() ? i.orElse() : i.main();
    if (eqBlock != null) {
      visitBlock(eqBlock);
    }
    if (flow != null && neqBlock != null) {
      visitInstruction(new IJumpLabel(i.labelEnd(), i.loc(), null, i.loc()), false, i.loc());
    }
    addLabel(i.labelNeq(), null);
    if (neqBlock != null) {
      visitBlock(neqBlock);
    }
    addLabel(i.labelEnd(), null);
  }

  // -------------------------------------------------------------- calls and returns

  private StructDef structByRelativeName(String name, Loc loc) {
    Found f;
    try {
      f = ids.search(accessibleScopes, name);
    } catch (RuntimeException e) {
      throw new CairoCompileException(e.getMessage(), loc);
    }
    materialize(f.canonicalName());
    try {
      return ids.struct(f.canonicalName());
    } catch (RuntimeException e) {
      throw new CairoCompileException(e.getMessage(), loc);
    }
  }

  private CType typeDefByRelativeName(String name, Loc loc) {
    Found f;
    try {
      f = ids.search(accessibleScopes, name);
    } catch (RuntimeException e) {
      throw new CairoCompileException(e.getMessage(), loc);
    }
    materialize(f.canonicalName());
    Def d = ids.get(f.canonicalName());
    if (d instanceof TypeDef t) {
      return t.type();
    }
    if (d instanceof StructDef s) {
      return new TStruct(s.fullName());
    }
    throw new CairoCompileException(
        "Expected '"
            + f.canonicalName()
            + "' to be a type_definition. Found: '"
            + d.typeName()
            + "'.",
        loc);
  }

  private record Member(String name, CType type) {}

  private List<Member> typeOrStructMembers(String name, Loc loc) {
    List<Member> out = new ArrayList<>();
    Found f;
    try {
      f = ids.search(accessibleScopes, name);
    } catch (RuntimeException e) {
      throw new CairoCompileException(e.getMessage(), loc);
    }
    materialize(f.canonicalName());
    Def d = ids.get(f.canonicalName());
    if (d instanceof StructDef s) {
      s.members().forEach((k, v) -> out.add(new Member(k, v.type())));
    } else if (d instanceof TypeDef t && t.type() instanceof TTuple tt) {
      tt.items().forEach(i -> out.add(new Member(i.name(), i.type())));
    } else if (d instanceof TypeDef t && t.type() instanceof TStruct ts) {
      structDef(ts.fullName()).members().forEach((k, v) -> out.add(new Member(k, v.type())));
    } else {
      throw new CairoCompileException("Unexpected type for '" + name + "'.", loc);
    }
    return out;
  }

  private List<Expr> processExprAssignmentList(List<Arg> exprs, List<Member> members, Loc loc) {
    if (exprs.size() != members.size()) {
      throw new CairoCompileException(
          "Expected exactly " + members.size() + " expressions, got " + exprs.size() + ".", loc);
    }
    boolean reachedNamed = false;
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < exprs.size(); i++) {
      Arg a = exprs.get(i);
      Member m = members.get(i);
      if (a.name() == null) {
        if (reachedNamed) {
          throw new CairoCompileException(
              "Positional arguments must not appear after named arguments.", a.loc());
        }
      } else {
        reachedNamed = true;
        if (!a.name().equals(m.name())) {
          throw new CairoCompileException(
              m.name() == null
                  ? "Expected unnamed argument, found: '" + a.name() + "'."
                  : "Expected named argument: '" + m.name() + "', found: '" + a.name() + "'.",
              a.nameLoc());
        }
      }
      out.addAll(simplifyToFeltList(a.expr(), m.type()));
    }
    return out;
  }

  private List<Expr> simplifyToFeltList(Expr e, CType expected) {
    Loc loc = e.loc();
    Typed v = simplify(e);
    if (!checkCast(v.type(), expected, CastKind.ASSIGN, v.expr(), loc)) {
      throw new CairoCompileException(
          "Expected expression of type '"
              + Exprs.formatType(expected)
              + "', got '"
              + Exprs.formatType(v.type())
              + "'.",
          loc);
    }
    return toFeltList(v.expr(), v.type());
  }

  private List<EIdent> processImplicitBinding(List<Arg> implicitArgs, String structName, Loc loc) {
    StructDef struct = structByRelativeName(structName, loc);
    List<Arg> pending = new ArrayList<>();
    for (Arg a : implicitArgs) {
      if (a.name() == null) {
        throw new CairoCompileException(
            "Implicit argument binding must be of the form: arg_name=var.", a.loc());
      }
      if (!(a.expr() instanceof EIdent id) || id.name().contains(".")) {
        throw new CairoCompileException(
            "Implicit argument binding must be an identifier.", a.expr().loc());
      }
      pending.add(a);
    }
    List<EIdent> result = new ArrayList<>();
    for (String member : struct.members().keySet()) {
      if (pending.isEmpty() || !pending.get(0).name().equals(member)) {
        result.add(null);
        continue;
      }
      result.add((EIdent) pending.get(0).expr());
      pending.remove(0);
    }
    if (!pending.isEmpty()) {
      throw new CairoCompileException(
          "Unexpected implicit argument binding: " + pending.get(0).name() + ".",
          pending.get(0).nameLoc());
    }
    return result;
  }

  private List<Expr> processImplicitArgs(List<EIdent> bindings, String structName, Loc loc) {
    StructDef struct = structByRelativeName(structName, loc);
    List<Expr> out = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, MemberDef> m : struct.members().entrySet()) {
      EIdent binding = bindings == null ? null : bindings.get(i);
      i++;
      if (binding != null) {
        out.addAll(simplifyToFeltList(binding, m.getValue().type()));
        continue;
      }
      Loc memberLoc = m.getValue().loc();
      Loc at =
          memberLoc == null
              ? loc
              : memberLoc.withParent(
                  loc, "While trying to retrieve the implicit argument '" + m.getKey() + "' in:");
      out.addAll(simplifyToFeltList(new EIdent(m.getKey(), at), m.getValue().type()));
    }
    return out;
  }

  private void pushArguments(
      List<Arg> arguments,
      List<EIdent> implicitBindings,
      List<Member> members,
      String implicitStruct,
      Loc loc) {
    List<Expr> argExprs = processExprAssignmentList(arguments, members, loc);
    List<Sim> sims = new ArrayList<>();
    argExprs.forEach(x -> sims.add(Sim.OPERATION));
    argExprs = compound(argExprs, sims);
    List<Expr> simplified = new ArrayList<>();
    for (Expr e : argExprs) {
      simplified.add(simplifyAsFelt(e));
    }
    List<Expr> implicitExprs = processImplicitArgs(implicitBindings, implicitStruct, loc);
    List<Expr> all = new ArrayList<>(implicitExprs);
    all.addAll(simplified);
    pushCompound(all, loc);
  }

  private void pushCompound(List<Expr> exprs, Loc loc) {
    List<Sim> sims = new ArrayList<>();
    exprs.forEach(x -> sims.add(Sim.OPERATION));
    List<Expr> simple = compound(exprs, sims);
    simple = optimizeForPush(simple);
    List<Expr> originals = exprs.subList(exprs.size() - simple.size(), exprs.size());
    for (int i = 0; i < simple.size(); i++) {
      Expr e = simple.get(i);
      // Each push is placed where its original expression is (before any rewriting).
      Loc l = originals.get(i).loc() != null ? originals.get(i).loc() : loc;
      visitInstruction(
          new IAssertEq(new EDeref(new EReg(true, l), l), Exprs.translateAp(e, i), l), true, l);
    }
  }

  private List<Expr> optimizeForPush(List<Expr> exprs) {
    if (exprs.isEmpty()) {
      return exprs;
    }
    List<Expr> s = new ArrayList<>();
    for (Expr e : exprs) {
      s.add(simplifyAsFelt(e));
    }
    Integer prefix = apMinusN(s.get(0));
    if (prefix == null || prefix <= 0 || prefix > s.size()) {
      return s;
    }
    for (int i = 1; i < prefix; i++) {
      Integer n = apMinusN(s.get(i));
      if (n == null || n != prefix - i) {
        return s;
      }
    }
    return s.subList(prefix, s.size());
  }

  private static Integer apMinusN(Expr e) {
    if (e instanceof EDeref d
        && d.addr() instanceof EOp o
        && o.op().equals("+")
        && o.a() instanceof EReg r
        && r.ap()
        && o.b() instanceof EConst c) {
      return -c.val().intValue();
    }
    return null;
  }

  private void visitReturn(SReturn r) {
    if (!functionMetadata.containsKey(currentScope())) {
      throw new CairoCompileException("return cannot be used outside of a function.", r.loc());
    }
    CType retType = typeDefByRelativeName("Return", r.loc());
    pushArguments(
        List.of(new Arg(null, null, r.expr(), r.loc())),
        null,
        List.of(new Member(null, retType)),
        "ImplicitArgs",
        r.loc());
    visitInstruction(new IRet(r.loc()), false, r.loc());
  }

  private void visitTailCall(STailCall t) {
    if (!functionMetadata.containsKey(currentScope())) {
      throw new CairoCompileException("return cannot be used outside of a function.", t.loc());
    }
    visitFuncCall(t.call());
    CType dest = ((TypeDef) ids.get(currentScope() + ".Return")).type();
    CType src = returnType(t.call());
    boolean ok;
    try {
      ok = checkCast(src, dest, CastKind.ASSIGN, null, t.loc());
    } catch (CairoCompileException e) {
      ok = false;
    }
    String fname = currentScope().substring(currentScope().lastIndexOf('.') + 1);
    if (!ok) {
      throw new CairoCompileException(
          "Cannot convert the return type of "
              + t.call().name()
              + " to the return type of "
              + fname
              + ".",
          t.loc());
    }
    StructDef srcStruct = structByRelativeName(t.call().name() + ".ImplicitArgs", t.loc());
    StructDef dstStruct = structDef(currentScope() + ".ImplicitArgs");
    if (!sameMembers(srcStruct, dstStruct)) {
      throw new CairoCompileException(
          "Tail calls require the implicit arguments of the callee to match the caller. Consider"
              + " separating the function call and the return statement.",
          t.loc());
    }
    visitInstruction(new IRet(t.loc()), false, t.loc());
  }

  private static boolean sameMembers(StructDef a, StructDef b) {
    if (a.members().size() != b.members().size()) {
      return false;
    }
    var ib = b.members().entrySet().iterator();
    for (Map.Entry<String, MemberDef> ea : a.members().entrySet()) {
      Map.Entry<String, MemberDef> eb = ib.next();
      if (!ea.getKey().equals(eb.getKey())
          || !ea.getValue().type().equals(eb.getValue().type())
          || ea.getValue().offset() != eb.getValue().offset()) {
        return false;
      }
    }
    return true;
  }

  private CType returnType(FuncCall call) {
    return typeDefByRelativeName(call.name() + ".Return", call.loc());
  }

  private String visitFuncCall(FuncCall call) {
    Found res;
    try {
      res = ids.search(accessibleScopes, call.name());
      assertFullyParsed(res, call.nameLoc());
    } catch (Identifiers.MissingException | Identifiers.IdentifierException e) {
      throw new CairoCompileException(e.getMessage(), call.nameLoc());
    }
    boolean isFunction =
        res.def() instanceof FunctionDef
            || (res.def() instanceof FutureDef fd && fd.kind().equals("function"));
    if (!isFunction) {
      throw new CairoCompileException(
          "Expected "
              + call.name()
              + " to be a function name. Found: "
              + res.def().typeName()
              + ".",
          call.nameLoc());
    }
    String implicitStruct = call.name() + ".ImplicitArgs";
    List<EIdent> bindings =
        processImplicitBinding(
            call.implicitArgs() == null ? List.of() : call.implicitArgs(),
            implicitStruct,
            call.loc());
    pushArguments(
        call.args(),
        bindings,
        typeOrStructMembers(call.name() + ".Args", call.loc()),
        implicitStruct,
        call.loc());
    visitInstruction(
        new ICallLabel(call.name(), call.nameLoc(), false, call.loc()), false, call.loc());
    addImplicitReturnReferences(bindings, call.name(), call.loc());
    return res.canonicalName();
  }

  private void addImplicitReturnReferences(List<EIdent> bindings, String called, Loc loc) {
    StructDef implicit = structByRelativeName(called + ".ImplicitArgs", loc);
    int returnSize = size(typeDefByRelativeName(called + ".Return", loc), loc);
    int i = 0;
    for (Map.Entry<String, MemberDef> m : implicit.members().entrySet()) {
      EIdent binding = bindings.get(i++);
      String var = binding != null ? binding.name() : m.getKey();
      Loc at;
      if (binding != null) {
        at = binding.loc();
      } else {
        Loc memberLoc = m.getValue().loc();
        at =
            memberLoc == null || loc == null
                ? memberLoc
                : memberLoc.withParent(
                    loc,
                    "While trying to update the implicit return value '" + m.getKey() + "' in:");
      }
      addSimpleReference(
          join(currentScope(), var),
          true,
          m.getValue().type(),
          m.getValue().offset() - (returnSize + implicit.size()),
          at);
      if (binding == null
          && !Boolean.TRUE.equals(referenceStates.get(join(currentScope(), m.getKey())))) {
        throw new CairoCompileException(
            "'"
                + m.getKey()
                + "' cannot be used as an implicit return value. Consider using a 'with'"
                + " statement.",
            at);
      }
    }
  }

  private void visitReturnValueRef(SReturnValueRef r) {
    if (r.id().local()) {
      throw new CairoCompileException("Unexpected modifier 'local'.", r.id().loc());
    }
    CType type;
    if (r.call() == null) {
      visitInstruction(
          r.callInstr(), false, r.callInstr() instanceof ICallLabel c ? c.loc() : r.loc());
      if (r.id().type() != null) {
        type = resolveType(r.id().type(), r.id().loc());
      } else if (r.callInstr() instanceof ICallLabel c) {
        type = typeDefByRelativeName(c.label() + ".Return", c.loc());
      } else {
        type = new TFelt();
      }
    } else {
      FuncCall call = r.call();
      if (isStructName(call.name())) {
        visitReference(new SReference(r.id(), new EFuncCall(call, call.loc()), r.loc()));
        return;
      }
      visitFuncCall(call);
      type =
          r.id().type() != null
              ? resolveType(r.id().type(), r.id().loc())
              : typeDefByRelativeName(call.name() + ".Return", call.nameLoc());
    }
    int sz = size(type, r.loc());
    addSimpleReference(join(currentScope(), r.id().name()), true, type, -sz, r.id().loc());
  }

  private boolean isStructName(String name) {
    try {
      Found f = ids.search(accessibleScopes, name);
      if (!f.nonParsed().isEmpty()) {
        return false;
      }
      materialize(f.canonicalName());
      Def d = ids.get(f.canonicalName());
      return d instanceof StructDef
          || (d instanceof TypeDef t && t.type() instanceof TStruct)
          || (d instanceof FutureDef fd && fd.kind().equals("struct"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private TTuple unpackingType(SUnpack u) {
    CType ret = returnType(u.call());
    if (!(ret instanceof TTuple t)) {
      throw new CairoCompileException(
          "Cannot unpack the return value of '"
              + u.call().name()
              + "'. The return type is not a tuple.",
          u.call().loc());
    }
    if (u.ids().size() != t.items().size()) {
      int n = t.items().size();
      throw new CairoCompileException(
          "Expected "
              + n
              + " unpacking identifier"
              + (n > 1 ? "s" : "")
              + ", found "
              + u.ids().size()
              + ".",
          u.idsLoc());
    }
    return t;
  }

  private void visitUnpack(SUnpack u) {
    TTuple type = unpackingType(u);
    visitFuncCall(u.call());
    int[] offsets = new int[type.items().size() + 1];
    for (int i = 0; i < type.items().size(); i++) {
      offsets[i + 1] = offsets[i] + size(type.items().get(i).type(), u.loc());
    }
    int total = offsets[type.items().size()];
    for (int i = 0; i < u.ids().size(); i++) {
      TypedId t = u.ids().get(i);
      if (t.local() && !functionMetadata.containsKey(currentScope())) {
        throw new CairoCompileException("Unexpected modifier 'local'.", t.loc());
      }
      if (t.name().equals("_")) {
        continue;
      }
      CType member = type.items().get(i).type();
      CType ct = t.type() != null ? resolveType(t.type(), t.loc()) : member;
      if (!checkCast(member, ct, CastKind.UNPACKING, null, t.loc())) {
        throw new CairoCompileException(
            "Expected expression of type '"
                + Exprs.formatType(member)
                + "', got '"
                + Exprs.formatType(ct)
                + "'.",
            t.loc());
      }
      addSimpleReference(join(currentScope(), t.name()), true, ct, offsets[i] - total, t.loc());
    }
  }

  // -------------------------------------------------------------- instructions

  private void visitInstruction(Instr body, boolean incAp, Loc loc) {
    Flow current = flowGet();
    Instr processed = visitInstrBody(body, incAp);
    instructions.add(
        new PInstr(processed, incAp, loc, List.copyOf(accessibleScopes), nextHints, current));
    nextHints = new ArrayList<>();
    currentPc += InstructionBuilder.size(processed, incAp, true);
  }

  /** Processes an instruction body, updating the flow; returns the simplified body. */
  private Instr visitInstrBody(Instr body, boolean incAp) {
    int addedAp = incAp ? 1 : 0;
    Change next;
    Map<String, Change> jumps = new LinkedHashMap<>();
    Instr result;
    switch (body) {
      case IAssertEq a -> {
        result = new IAssertEq(simplifyAsFelt(a.a()), simplifyAsFelt(a.b()), a.loc());
        next = Change.known(0);
      }
      case IJump j -> {
        revokeFunctionApChange();
        result = new IJump(simplifyAsFelt(j.val()), j.relative(), j.loc());
        next = null;
      }
      case IJumpLabel j -> {
        LabelInfo info = getLabel(j.label(), false, j.labelLoc());
        if (info.pc == null) {
          Expr cond = j.condition() == null ? null : simplifyAsFelt(j.condition());
          result = new IJumpLabel(j.label(), j.labelLoc(), cond, j.loc());
        } else {
          EConst off = Exprs.c(info.pc - currentPc, j.labelLoc());
          if (j.condition() == null) {
            result = new IJump(off, true, j.loc());
          } else {
            result = new IJnz(off, simplifyAsFelt(j.condition()), j.loc());
          }
          if (info.pc <= currentPc) {
            revokeFunctionApChange();
          }
        }
        next = j.condition() == null ? null : Change.known(0);
        if (info.fullName == null) {
          throw new CairoCompileException("Unknown label " + j.label() + ".", j.labelLoc());
        }
        jumps.put(info.fullName, Change.known(0));
      }
      case IJnz j -> {
        revokeFunctionApChange();
        result = new IJnz(simplifyAsFelt(j.offset()), simplifyAsFelt(j.condition()), j.loc());
        next = Change.known(0);
      }
      case ICall c -> {
        result = new ICall(simplifyAsFelt(c.val()), c.relative(), c.loc());
        next = Change.UNKNOWN;
      }
      case ICallLabel c -> {
        LabelInfo info = getLabel(c.label(), c.fullyQualified(), c.labelLoc());
        next = Change.UNKNOWN;
        if (info.pc == null) {
          result = c;
        } else {
          FuncMeta meta = functionMetadata.get(info.fullName);
          if (meta != null && meta.completed) {
            next = Change.known(2).plus(meta.totalApChange);
          }
          result = new ICall(Exprs.c(info.pc - currentPc, c.labelLoc()), true, c.loc());
        }
      }
      case IAddAp a -> {
        Expr e = simplifyAsFelt(a.expr());
        result = new IAddAp(e, a.loc());
        next = e instanceof EConst k ? Change.known(k.val().intValueExact()) : Change.UNKNOWN;
      }
      case IDw d -> {
        result = new IDw(simplifyAsFelt(d.expr()), d.loc());
        next = null;
      }
      case IRet r -> {
        FuncMeta meta = functionMetadata.get(currentScope());
        if (meta != null) {
          Flow f = flowGet();
          Change change = apDiff(f.group(), f.offset(), meta.initialGroup, meta.initialOffset);
          meta.totalApChange = meta.totalApChange.and(change);
        }
        result = r;
        next = null;
      }
    }
    for (Map.Entry<String, Change> j : jumps.entrySet()) {
      addFlowToLabel(j.getKey(), j.getValue().plus(Change.known(addedAp)));
    }
    if (next != null) {
      flowAddAp(next.plus(Change.known(addedAp)));
    } else {
      flow = null;
    }
    return result;
  }

  private void revokeFunctionApChange() {
    FuncMeta meta = functionMetadata.get(currentScope());
    if (meta != null) {
      meta.totalApChange = Change.UNKNOWN;
    }
  }

  private record LabelInfo(Integer pc, String fullName) {}

  private LabelInfo getLabel(String name, boolean fullyQualified, Loc loc) {
    Found f;
    try {
      f = fullyQualified ? ids.lookup(name) : ids.search(accessibleScopes, name);
      assertFullyParsed(f, loc);
    } catch (Identifiers.MissingException | Identifiers.IdentifierException e) {
      throw new CairoCompileException(e.getMessage(), loc);
    }
    Def d = f.def();
    if (d instanceof FutureDef) {
      return new LabelInfo(null, f.canonicalName());
    }
    if (d instanceof FunctionDef fd) {
      return new LabelInfo(fd.pc < 0 ? null : fd.pc, f.canonicalName());
    }
    if (d instanceof LabelDef l) {
      return new LabelInfo(l.pc(), f.canonicalName());
    }
    throw new CairoCompileException(
        "Expected a label name. Identifier '" + name + "' is of type " + d.typeName() + ".", loc);
  }

  /** The second pass: instructions again, now that every label has a pc. */
  private void resolveLabels() {
    List<PInstr> old = new ArrayList<>(instructions);
    instructions.clear();
    int oldPc = currentPc;
    currentPc = 0;
    Flow savedFlow = flow;
    List<String> savedScopes = accessibleScopes;
    for (PInstr p : old) {
      accessibleScopes = p.accessibleScopes();
      flow = null;
      Instr body = visitInstrBody(p.body(), p.incAp());
      if (body instanceof IJumpLabel j) {
        throw new CairoCompileException("Unknown label " + j.label() + ".", j.labelLoc());
      }
      if (body instanceof ICallLabel c) {
        throw new CairoCompileException("Unknown label " + c.label() + ".", c.labelLoc());
      }
      currentPc += InstructionBuilder.size(body, p.incAp(), false);
      instructions.add(
          new PInstr(body, p.incAp(), p.loc(), p.accessibleScopes(), p.hints(), p.flow()));
    }
    if (oldPc != currentPc) {
      throw new IllegalStateException("instruction sizes changed between passes");
    }
    flow = savedFlow;
    accessibleScopes = savedScopes;
  }

  // ==================================================================== expressions

  /** An expression with its type. */
  record Typed(Expr expr, CType type) {}

  Typed simplify(Expr e) {
    Expr substituted = substitute(e);
    Typed t = typeSystem(substituted);
    return new Typed(Exprs.simplify(t.expr()), resolveType(t.type(), e.loc()));
  }

  Expr simplifyAsFelt(Expr e) {
    Typed t = simplify(e);
    if (!(t.type() instanceof TFelt
        || t.type() instanceof TPointer
        || t.type() instanceof TCodeoffset)) {
      throw new CairoCompileException(
          "Expected a 'felt' or a pointer type. Got: '" + Exprs.formatType(t.type()) + "'.",
          t.expr().loc() != null ? t.expr().loc() : e.loc());
    }
    return t.expr();
  }

  // ---- identifier substitution

  private Expr substitute(Expr e) {
    return switch (e) {
      case EIdent i -> getVariable(i);
      case EFutureLabel f -> {
        Expr r = getVariable(new EIdent(f.name(), f.loc()));
        yield r instanceof EFutureLabel ? f : r;
      }
      case ECast c ->
          new ECast(substitute(c.expr()), resolveType(c.type(), c.loc()), c.kind(), c.loc());
      case EPow p -> {
        Expr b = p.b();
        if (b instanceof EIdent) {
          Expr r = substitute(b);
          if (r instanceof EConst) {
            b = r;
          }
        }
        yield new EPow(substitute(p.a()), b, p.loc());
      }
      case EFuncCall f -> {
        if (!isStructName(f.call().name())) {
          yield f;
        }
        CType type = resolveType(new TIdent(f.call().name()), f.loc());
        if (f.call().implicitArgs() != null) {
          throw new CairoCompileException(
              "Implicit arguments cannot be used with struct constructors.", f.loc());
        }
        StructDef sd = structDef(((TStruct) type).fullName());
        List<String> memberNames = new ArrayList<>(sd.members().keySet());
        for (int k = 0; k < Math.min(memberNames.size(), f.call().args().size()); k++) {
          Arg a = f.call().args().get(k);
          if (a.name() != null && !a.name().equals(memberNames.get(k))) {
            throw new CairoCompileException(
                "Argument name mismatch for '"
                    + sd.fullName()
                    + "': expected '"
                    + memberNames.get(k)
                    + "', found '"
                    + a.name()
                    + "'.",
                a.nameLoc());
          }
        }
        yield substitute(
            new ECast(
                new ETuple(f.call().args(), false, f.loc()), type, CastKind.EXPLICIT, f.loc()));
      }
      case EOp o -> new EOp(substitute(o.a()), o.op(), substitute(o.b()), o.loc());
      case ENeg n -> new ENeg(substitute(n.val()), n.loc());
      case EParen p -> new EParen(substitute(p.val()), p.loc());
      case EDeref d -> new EDeref(substitute(d.addr()), d.loc());
      case EAddrOf a -> new EAddrOf(substitute(a.expr()), a.loc());
      case ESubscript s -> new ESubscript(substitute(s.expr()), substitute(s.offset()), s.loc());
      case EDot d -> new EDot(substitute(d.expr()), d.member(), d.loc());
      case ETuple t -> {
        List<Arg> args = new ArrayList<>();
        for (Arg a : t.args()) {
          args.add(new Arg(a.name(), a.nameLoc(), substitute(a.expr()), a.loc()));
        }
        yield new ETuple(args, t.trailingComma(), t.loc());
      }
      case ENew n -> new ENew(substitute(n.expr()), n.typed(), n.loc());
      default -> e;
    };
  }

  private Expr getVariable(EIdent var) {
    Found f;
    try {
      f = ids.search(accessibleScopes, var.name());
    } catch (Identifiers.MissingException | Identifiers.IdentifierException e) {
      throw new CairoCompileException(e.getMessage(), var.loc());
    }
    materialize(f.canonicalName());
    Def d = ids.get(f.canonicalName());
    List<String> rest = f.nonParsed();
    if (!rest.isEmpty()) {
      if (d instanceof TypeDef td && td.type() instanceof TStruct ts) {
        d = structDef(ts.fullName());
      }
      if (d instanceof StructDef sd || (d instanceof FutureDef fd && fd.kind().equals("struct"))) {
        StructDef s = structDef(f.canonicalName());
        if (rest.size() == 1 && rest.get(0).equals("SIZE")) {
          return new EConst(BigInteger.valueOf(s.size()), var.loc());
        }
        MemberDef m = s.members().get(rest.get(0));
        if (m == null) {
          throw new CairoCompileException(
              "'" + String.join(".", rest) + "' is not a member of '" + s.fullName() + "'.",
              var.loc());
        }
        if (rest.size() > 1) {
          throw new CairoCompileException(
              "Unexpected '.' after '" + s.fullName() + "." + rest.get(0) + "' which is member.",
              var.loc());
        }
        return new EConst(BigInteger.valueOf(m.offset()), var.loc());
      }
      if (!(d instanceof ReferenceDef)) {
        throw new CairoCompileException(
            "Unexpected '.' after '" + f.canonicalName() + "' which is " + d.typeName() + ".",
            var.loc());
      }
    }
    switch (d) {
      case FutureDef fd -> {
        if (fd.kind().equals("label") || fd.kind().equals("function")) {
          return new EFutureLabel(var.name(), true, var.loc());
        }
        throw new CairoCompileException(
            "Identifier '" + var.name() + "' referenced before definition.", var.loc());
      }
      case FunctionDef fd -> {
        if (fd.pc < 0) {
          return new EFutureLabel(var.name(), true, var.loc());
        }
        return new ECast(
            Exprs.c(fd.pc, var.loc()), new TCodeoffset(), CastKind.EXPLICIT, var.loc());
      }
      case ConstDef c -> {
        return new EConst(c.value(), var.loc());
      }
      case LabelDef l -> {
        return new ECast(
            Exprs.c(l.pc(), var.loc()), new TCodeoffset(), CastKind.EXPLICIT, var.loc());
      }
      case ReferenceDef rd -> {
        Integer id = flow == null ? null : flow.refIds().get(rd.fullName);
        if (id == null) {
          throw new CairoCompileException("Reference '" + var.name() + "' was revoked.", var.loc());
        }
        Reference r = references.get(id);
        Expr value;
        try {
          value = evalRef(r, flow.group(), flow.offset());
        } catch (Exprs.ApDeductionException e) {
          CairoCompileException err =
              new CairoCompileException("Reference '" + var.name() + "' was revoked.", var.loc());
          if (trial == null) {
            throw err;
          }
          trial.bad.putIfAbsent(r, err);
          trial.names.putIfAbsent(r, rd.fullName);
          value = simpleRef(false, 0, rd.type, var.loc());
        }
        for (String member : rest) {
          value = new EDot(value, member, null);
        }
        return Exprs.addParent(
            value, var.loc(), "While expanding the reference '" + var.name() + "' in:");
      }
      default ->
          throw new CairoCompileException(
              "Unexpected identifier " + var.name() + " of type " + d.typeName() + ".", var.loc());
    }
  }

  // ---- type system

  private Typed typeSystem(Expr e) {
    return switch (e) {
      case EConst c -> new Typed(c, new TFelt());
      case EHint h -> new Typed(h, new TFelt());
      case EFutureLabel f ->
          new Typed(
              new EFutureLabel(f.name(), false, f.loc()),
              f.typed() ? new TCodeoffset() : new TFelt());
      case EIdent i ->
          throw new CairoCompileException(
              "Identifier '" + i.name() + "' is not allowed in this context.", i.loc());
      case EReg r -> new Typed(r, new TFelt());
      case EOp o -> {
        Typed a = typeSystem(o.a());
        Typed b = typeSystem(o.b());
        String op = o.op();
        CType res;
        if (a.type() instanceof TFelt && b.type() instanceof TFelt) {
          res = new TFelt();
        } else if (a.type() instanceof TPointer
            && b.type() instanceof TFelt
            && (op.equals("+") || op.equals("-"))) {
          res = a.type();
        } else if (a.type() instanceof TFelt && b.type() instanceof TPointer && op.equals("+")) {
          res = b.type();
        } else if ((a.type() instanceof TPointer || a.type() instanceof TCodeoffset)
            && a.type().equals(b.type())
            && op.equals("-")) {
          res = new TFelt();
        } else {
          throw new CairoCompileException(
              "Operator '"
                  + op
                  + "' is not implemented for types '"
                  + Exprs.formatType(a.type())
                  + "' and '"
                  + Exprs.formatType(b.type())
                  + "'.",
              o.loc());
        }
        yield new Typed(new EOp(a.expr(), op, b.expr(), o.loc()), res);
      }
      case EPow p -> {
        Typed a = typeSystem(p.a());
        Typed b = typeSystem(p.b());
        if (!(a.type() instanceof TFelt) && b.type() instanceof TFelt) {
          throw new CairoCompileException(
              "Operator '**' is not implemented for types '"
                  + Exprs.formatType(a.type())
                  + "' and '"
                  + Exprs.formatType(b.type())
                  + "'.",
              p.loc());
        }
        yield new Typed(new EPow(a.expr(), b.expr(), p.loc()), new TFelt());
      }
      case EAddrOf a -> {
        Typed inner = typeSystem(a.expr());
        yield new Typed(exprAddr(inner.expr()), new TPointer(inner.type()));
      }
      case ENeg n -> {
        Typed inner = typeSystem(n.val());
        if (!(inner.type() instanceof TFelt)) {
          throw new CairoCompileException(
              "Unary '-' is not supported for type '" + Exprs.formatType(inner.type()) + "'.",
              n.loc());
        }
        yield new Typed(new ENeg(inner.expr(), n.loc()), new TFelt());
      }
      case EParen p -> typeSystem(p.val());
      case EDeref d -> {
        Typed addr = typeSystem(d.addr());
        if (addr.type() instanceof TFelt) {
          yield new Typed(new EDeref(addr.expr(), d.loc()), new TFelt());
        }
        if (addr.type() instanceof TPointer pt) {
          yield new Typed(new EDeref(addr.expr(), d.loc()), pt.pointee());
        }
        throw new CairoCompileException(
            "Cannot dereference type '" + Exprs.formatType(addr.type()) + "'.", d.loc());
      }
      case EFuncCall f -> {
        CType ret = returnType(f.call());
        if (!(ret instanceof TFelt || ret instanceof TCodeoffset || ret instanceof TPointer)) {
          throw new CairoCompileException(
              "Only functions with a simple return type are supported inside an expression. Got: '"
                  + Exprs.formatType(ret)
                  + "'.",
              f.loc());
        }
        yield new Typed(f, ret);
      }
      case ESubscript s -> typeSubscript(s);
      case EDot d -> typeDot(d);
      case ECast c -> {
        Typed inner = typeSystem(c.expr());
        if (!checkCast(inner.type(), c.type(), c.kind(), inner.expr(), c.loc())) {
          throw new CairoCompileException(
              "Cannot cast '"
                  + Exprs.formatType(inner.type())
                  + "' to '"
                  + Exprs.formatType(c.type())
                  + "'.",
              c.loc());
        }
        yield new Typed(withLoc(inner.expr(), c.loc()), c.type());
      }
      case ETuple t -> {
        List<Arg> args = new ArrayList<>();
        List<TItem> items = new ArrayList<>();
        for (Arg a : t.args()) {
          Typed x = typeSystem(a.expr());
          args.add(new Arg(null, null, x.expr(), a.loc()));
          items.add(new TItem(a.name(), x.type()));
        }
        boolean anyNamed = items.stream().anyMatch(i -> i.name() != null);
        boolean anyUnnamed = items.stream().anyMatch(i -> i.name() == null);
        if (anyNamed && anyUnnamed) {
          throw new CairoCompileException("All fields in a named tuple must have a name.", t.loc());
        }
        yield new Typed(
            new ETuple(args, t.trailingComma(), t.loc()), new TTuple(List.copyOf(items)));
      }
      case ENew n -> {
        if (!n.typed()) {
          yield new Typed(n, new TFelt());
        }
        Typed inner = typeSystem(n.expr());
        yield new Typed(new ENew(inner.expr(), false, n.loc()), new TPointer(inner.type()));
      }
    };
  }

  private static Expr withLoc(Expr e, Loc loc) {
    return Exprs.withLoc(e, loc);
  }

  private static Expr exprAddr(Expr e) {
    if (!(e instanceof EDeref d)) {
      throw new CairoCompileException("Expression has no address.", e.loc());
    }
    return d.addr();
  }

  private Typed typeSubscript(ESubscript s) {
    Typed inner = typeSystem(s.expr());
    Typed off = typeSystem(s.offset());
    if (inner.type() instanceof TTuple tt) {
      if (!(off.type() instanceof TFelt)) {
        throw new CairoCompileException(
            "Cannot apply subscript-operator with offset of non-felt type '"
                + Exprs.formatType(off.type())
                + "'.",
            s.offset().loc());
      }
      Expr offExpr = Exprs.simplify(off.expr(), false);
      if (!(offExpr instanceof EConst c)) {
        throw new CairoCompileException(
            "Subscript-operator for tuples supports only constant offsets, found '"
                + offExpr.getClass().getSimpleName()
                + "'.",
            offExpr.loc());
      }
      int idx = c.val().intValue();
      if (idx < 0 || idx >= tt.items().size()) {
        throw new CairoCompileException(
            "Tuple index " + idx + " is out of range [0, " + tt.items().size() + ").", s.loc());
      }
      CType item = tt.items().get(idx).type();
      if (inner.expr() instanceof ETuple t) {
        return new Typed(withLoc(t.args().get(idx).expr(), s.loc()), item);
      }
      if (inner.expr() instanceof EDeref d) {
        int offset = 0;
        for (int k = 0; k < idx; k++) {
          offset += size(tt.items().get(k).type(), s.loc());
        }
        return new Typed(
            new EDeref(new EOp(d.addr(), "+", Exprs.c(offset, s.loc()), s.loc()), s.loc()), item);
      }
      throw new CairoCompileException("Unexpected expression typed as TypeTuple.", s.loc());
    }
    if (inner.type() instanceof TPointer p) {
      if (!(off.type() instanceof TFelt)) {
        throw new CairoCompileException(
            "Cannot apply subscript-operator with offset of non-felt type '"
                + Exprs.formatType(off.type())
                + "'.",
            s.offset().loc());
      }
      int elemSize = size(p.pointee(), s.loc());
      Expr modified = new EOp(off.expr(), "*", Exprs.c(elemSize, s.loc()), s.loc());
      return new Typed(
          new EDeref(new EOp(inner.expr(), "+", modified, s.loc()), s.loc()), p.pointee());
    }
    throw new CairoCompileException(
        "Cannot apply subscript-operator to non-pointer, non-tuple type '"
            + Exprs.formatType(inner.type())
            + "'.",
        s.loc());
  }

  private Typed typeDot(EDot d) {
    Typed inner = typeSystem(d.expr());
    CType t = inner.type();
    Expr base;
    if (t instanceof TPointer p) {
      if (!(p.pointee() instanceof TStruct || p.pointee() instanceof TTuple)) {
        throw new CairoCompileException(
            "Cannot apply dot-operator to pointer-to-non-struct type '"
                + Exprs.formatType(t)
                + "'.",
            d.loc());
      }
      t = p.pointee();
      base = inner.expr();
    } else if (t instanceof TStruct || t instanceof TTuple) {
      if (inner.expr() instanceof ETuple) {
        throw new CairoCompileException(
            "Accessing struct/tuple members for r-value structs is not supported yet.", d.loc());
      }
      base = exprAddr(inner.expr());
    } else {
      throw new CairoCompileException(
          "Cannot apply dot-operator to non-struct type '" + Exprs.formatType(t) + "'.", d.loc());
    }
    CType memberType;
    int memberOffset;
    if (t instanceof TStruct ts) {
      StructDef sd = structDef(ts.fullName());
      MemberDef m = sd.members().get(d.member());
      if (m == null) {
        throw new CairoCompileException(
            "Member '"
                + d.member()
                + "' does not appear in definition of struct '"
                + Exprs.formatType(t)
                + "'.",
            d.loc());
      }
      memberType = m.type();
      memberOffset = m.offset();
    } else {
      TTuple tt = (TTuple) t;
      if (!tt.isNamed()) {
        throw new CairoCompileException(
            "Cannot apply dot-operator to unnamed tuple type '" + Exprs.formatType(t) + "'.",
            d.loc());
      }
      memberOffset = 0;
      memberType = null;
      for (TItem i : tt.items()) {
        if (i.name().equals(d.member())) {
          memberType = i.type();
          break;
        }
        memberOffset += size(i.type(), d.loc());
      }
      if (memberType == null) {
        throw new CairoCompileException(
            "Member '"
                + d.member()
                + "' does not appear in definition of tuple type '"
                + Exprs.formatType(t)
                + "'.",
            d.loc());
      }
    }
    Expr res =
        memberOffset == 0
            ? new EDeref(base, d.loc())
            : new EDeref(new EOp(base, "+", Exprs.c(memberOffset, d.loc()), d.loc()), d.loc());
    return new Typed(res, memberType);
  }

  boolean checkCast(CType src, CType dst, CastKind kind, Expr expr, Loc loc) {
    if (expr != null && expr.loc() != null) {
      loc = expr.loc();
    }
    if (src.equals(dst)) {
      return true;
    }
    if (src instanceof TPointer && dst.equals(new TPointer(new TFelt()))) {
      return true;
    }
    if (src instanceof TTuple st && dst instanceof TTuple dt) {
      verifyTupleLikeCast(src, st.items(), dst, dt.items(), kind, loc, expr);
      return true;
    }
    if (kind == CastKind.ASSIGN) {
      return false;
    }
    boolean srcFP = src instanceof TFelt || src instanceof TPointer;
    boolean dstFP = dst instanceof TFelt || dst instanceof TPointer;
    if (srcFP && dstFP) {
      return true;
    }
    if (kind == CastKind.UNPACKING) {
      return false;
    }
    if ((src instanceof TFelt || src instanceof TCodeoffset)
        && (dst instanceof TFelt || dst instanceof TCodeoffset)) {
      return true;
    }
    if (src instanceof TTuple st && dst instanceof TStruct ds) {
      List<TItem> members = new ArrayList<>();
      structDef(ds.fullName()).members().forEach((k, v) -> members.add(new TItem(k, v.type())));
      verifyTupleLikeCast(src, st.items(), dst, members, kind, loc, expr);
      return true;
    }
    if (kind == CastKind.EXPLICIT) {
      return false;
    }
    if (src instanceof TFelt && dst instanceof TStruct && expr instanceof EDeref) {
      return true;
    }
    return false;
  }

  private void verifyTupleLikeCast(
      CType src,
      List<TItem> srcItems,
      CType dst,
      List<TItem> dstItems,
      CastKind kind,
      Loc loc,
      Expr expr) {
    if (srcItems.size() != dstItems.size()) {
      throw new CairoCompileException(
          "Cannot cast an expression of type '"
              + Exprs.formatType(src)
              + "' to '"
              + Exprs.formatType(dst)
              + "'.\nThe former has "
              + srcItems.size()
              + " members while the latter has "
              + dstItems.size()
              + " members.",
          loc);
    }
    for (int i = 0; i < srcItems.size(); i++) {
      Expr srcExpr = expr instanceof ETuple t ? t.args().get(i).expr() : null;
      Loc itemLoc = srcExpr != null && srcExpr.loc() != null ? srcExpr.loc() : loc;
      TItem s = srcItems.get(i);
      TItem d = dstItems.get(i);
      if (s.name() != null && d.name() != null && !s.name().equals(d.name())) {
        throw new CairoCompileException(
            "Cannot cast '"
                + Exprs.formatType(src)
                + "' to '"
                + Exprs.formatType(dst)
                + "'.\nExpected argument name '"
                + d.name()
                + "'. Found: '"
                + s.name()
                + "'.",
            itemLoc);
      }
      if (!checkCast(
          s.type(),
          d.type(),
          kind == CastKind.FORCED ? CastKind.FORCED : CastKind.ASSIGN,
          srcExpr,
          itemLoc)) {
        throw new CairoCompileException(
            "Cannot cast '"
                + Exprs.formatType(s.type())
                + "' to '"
                + Exprs.formatType(d.type())
                + "'.",
            itemLoc);
      }
    }
  }

  /** Splits a typed expression into typeless felt expressions (one per memory cell). */
  List<Expr> toFeltList(Expr e, CType t) {
    if (e instanceof ENew n && t instanceof TPointer p) {
      List<Expr> inner = toFeltList(n.expr(), p.pointee());
      List<Arg> args = new ArrayList<>();
      for (Expr x : inner) {
        args.add(new Arg(null, null, x, x.loc()));
      }
      return List.of(new ENew(new ETuple(args, true, n.expr().loc()), false, n.loc()));
    }
    if (t instanceof TFelt || t instanceof TPointer || t instanceof TCodeoffset) {
      return List.of(e);
    }
    List<CType> memberTypes = new ArrayList<>();
    if (t instanceof TTuple tt) {
      tt.items().forEach(i -> memberTypes.add(i.type()));
    } else if (t instanceof TStruct ts) {
      structDef(ts.fullName()).members().values().forEach(m -> memberTypes.add(m.type()));
    } else {
      throw new CairoCompileException("Unexpected type " + Exprs.formatType(t) + ".", e.loc());
    }
    List<Expr> memberExprs = new ArrayList<>();
    if (e instanceof ETuple tuple) {
      tuple.args().forEach(a -> memberExprs.add(a.expr()));
    } else {
      Expr addr = exprAddr(e);
      int offset = 0;
      for (CType m : memberTypes) {
        memberExprs.add(
            Exprs.simplify(
                new EDeref(new EOp(addr, "+", Exprs.c(offset, e.loc()), e.loc()), e.loc())));
        offset += size(m, e.loc());
      }
    }
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < memberExprs.size(); i++) {
      out.addAll(toFeltList(memberExprs.get(i), memberTypes.get(i)));
    }
    return out;
  }

  // ==================================================================== compound expressions

  enum Sim {
    DEREF,
    DEREF_OFFSET,
    DEREF_CONST,
    OPERATION
  }

  /** Rewrites expressions into the given simplicity by adding tempvars (StarkWare's visitor). */
  List<Expr> compound(List<Expr> exprs, List<Sim> sims) {
    Flow start = flowGet();
    int startGroup = start.group();
    int startOffset = start.offset();
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < exprs.size(); i++) {
      out.add(rewrite(exprs.get(i), sims.get(i), startGroup, startOffset));
    }
    List<Expr> translated = new ArrayList<>();
    for (Expr e : out) {
      translated.add(translateSince(e, startGroup, startOffset));
    }
    return translated;
  }

  private Expr translateSince(Expr e, int group, int offset) {
    Flow now = flowGet();
    Change d = apDiff(now.group(), now.offset(), group, offset);
    return Exprs.translateAp(e, d.isKnown() ? d.value() : null);
  }

  private Expr untranslate(Expr e, int group, int offset) {
    Flow now = flowGet();
    Change d = apDiff(group, offset, now.group(), now.offset());
    return Exprs.simplify(Exprs.translateAp(e, d.isKnown() ? d.value() : null), false);
  }

  private Expr rewrite(Expr e, Sim sim, int g, int o) {
    switch (e) {
      case EConst c -> {
        return sim == Sim.DEREF_CONST || sim == Sim.OPERATION ? c : wrap(c, g, o);
      }
      case EReg r -> {
        if (r.ap()) {
          throw new CairoCompileException(
              "ap may only be used in an expression of the form [ap + <const>].", r.loc());
        }
        Expr fp;
        try {
          fp = simplifyAsFelt(new EIdent("__fp__", r.loc()));
        } catch (CairoCompileException ex) {
          if (!ex.bareMessage().contains("Unknown identifier")) {
            throw ex;
          }
          throw new CairoCompileException(
              "Using the value of fp directly, requires defining a variable named __fp__.",
              ex.loc());
        }
        return rewrite(untranslate(fp, g, o), sim, g, o);
      }
      case EOp op -> {
        EOp n =
            new EOp(
                rewrite(op.a(), Sim.DEREF, g, o),
                op.op(),
                rewrite(op.b(), Sim.DEREF_CONST, g, o),
                op.loc());
        if (sim == Sim.OPERATION) {
          return n;
        }
        if (sim == Sim.DEREF_OFFSET
            && (n.op().equals("+") || n.op().equals("-"))
            && n.b() instanceof EConst c
            && c.val().bitLength() < 16) {
          return n;
        }
        return wrap(n, g, o);
      }
      case EPow p ->
          throw new CairoCompileException(
              "Operator '**' is only supported for constant values.", p.loc());
      case ENeg n -> {
        return rewrite(new EOp(n.val(), "*", Exprs.c(-1, n.loc()), n.loc()), sim, g, o);
      }
      case EDeref d -> {
        if (Exprs.isSimpleDeref(d)) {
          return d;
        }
        EDeref n = new EDeref(rewrite(d.addr(), Sim.DEREF_OFFSET, g, o), d.loc());
        return sim == Sim.OPERATION ? n : wrap(n, g, o);
      }
      case EFutureLabel f -> {
        return sim == Sim.DEREF_CONST || sim == Sim.OPERATION ? f : wrap(f, g, o);
      }
      case EHint h -> {
        return wrap(h, g, o);
      }
      case ENew n -> {
        return wrap(n, g, o);
      }
      case EFuncCall f -> {
        FuncCall call = f.call();
        List<Arg> args = new ArrayList<>();
        for (Arg a : call.args()) {
          args.add(new Arg(a.name(), a.nameLoc(), translateSince(a.expr(), g, o), a.loc()));
        }
        visitFuncCall(
            new FuncCall(call.name(), call.nameLoc(), call.implicitArgs(), args, call.loc()));
        try {
          return untranslate(simpleDeref(true, -1, f.loc()), g, o);
        } catch (Exprs.ApDeductionException ex) {
          throw new CairoCompileException(
              "Only functions with known ap change may be used in an expression. Consider calling '"
                  + call.name()
                  + "' in a separate line.",
              f.loc());
        }
      }
      default -> throw new CairoCompileException("Unexpected expression.", e.loc());
    }
  }

  private static Expr simpleDeref(boolean ap, int offset, Loc loc) {
    return new EDeref(new EOp(new EReg(ap, loc), "+", Exprs.c(offset, loc), loc), loc);
  }

  private EIdent wrap(Expr e, int g, int o) {
    String name = "__temp" + nextTempId++;
    Expr translated = translateSince(e, g, o);
    visitTempvar(new STempvar(new TypedId(false, name, new TFelt(), e.loc()), translated, e.loc()));
    return new EIdent(name, e.loc());
  }
}
