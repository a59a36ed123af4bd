package dev.hdp.cairo.compiler;

import java.math.BigInteger;
import java.util.List;

/** The syntax tree of Cairo 0 sources, and the typeless expressions the compiler reduces it to. */
public final class Ast {
  private Ast() {}

  // ---------------------------------------------------------------- types

  /** A Cairo type. Types compare by structure (they carry no location). */
  public sealed interface CType permits TFelt, TCodeoffset, TPointer, TIdent, TStruct, TTuple {}

  /** {@code felt}. */
  public record TFelt() implements CType {}

  /** {@code codeoffset}, the type of labels. */
  public record TCodeoffset() implements CType {}

  /** {@code T*}. */
  public record TPointer(CType pointee) implements CType {}

  /** A type named in the source, not yet resolved. */
  public record TIdent(String name) implements CType {}

  /** A resolved struct type, by its full name. */
  public record TStruct(String fullName) implements CType {}

  /** A tuple type; named when its items have names. */
  public record TTuple(List<TItem> items) implements CType {
    public boolean isNamed() {
      return !items.isEmpty() && items.stream().allMatch(i -> i.name() != null);
    }
  }

  /** One item of a tuple type. */
  public record TItem(String name, CType type) {}

  // ---------------------------------------------------------------- expressions

  /** An expression. */
  public sealed interface Expr
      permits EConst,
          EIdent,
          EReg,
          EOp,
          EPow,
          ENeg,
          EParen,
          EDeref,
          EAddrOf,
          ESubscript,
          EDot,
          ECast,
          ETuple,
          EHint,
          EFuncCall,
          ENew,
          EFutureLabel {
    Loc loc();
  }

  /** An integer constant (kept as written, reduced to the field when simplified). */
  public record EConst(BigInteger val, Loc loc) implements Expr {}

  /** A (possibly dotted) name. */
  public record EIdent(String name, Loc loc) implements Expr {}

  /** The ap or fp register. */
  public record EReg(boolean ap, Loc loc) implements Expr {}

  /** {@code a op b} for op in + - * /. */
  public record EOp(Expr a, String op, Expr b, Loc loc) implements Expr {}

  /** {@code a ** b}. */
  public record EPow(Expr a, Expr b, Loc loc) implements Expr {}

  /** {@code -a}. */
  public record ENeg(Expr val, Loc loc) implements Expr {}

  /** {@code (a)}. */
  public record EParen(Expr val, Loc loc) implements Expr {}

  /** {@code [a]}. */
  public record EDeref(Expr addr, Loc loc) implements Expr {}

  /** {@code &a}. */
  public record EAddrOf(Expr expr, Loc loc) implements Expr {}

  /** {@code a[i]}. */
  public record ESubscript(Expr expr, Expr offset, Loc loc) implements Expr {}

  /** {@code a.member}. */
  public record EDot(Expr expr, String member, Loc loc) implements Expr {}

  /** How strict a cast is. */
  public enum CastKind {
    /** Written {@code cast(x, T)}. */
    EXPLICIT,
    /** Assignment to a typed place. */
    ASSIGN,
    /** Unpacking a return value. */
    UNPACKING,
    /** Internal: always allowed. */
    FORCED
  }

  /** {@code cast(a, T)}. */
  public record ECast(Expr expr, CType type, CastKind kind, Loc loc) implements Expr {}

  /** {@code (a, b=c, ...)}. */
  public record ETuple(List<Arg> args, boolean trailingComma, Loc loc) implements Expr {}

  /** {@code nondet %{ code %}}; the code dedented as StarkWare does. */
  public record EHint(String code, int prefixNewlines, Loc loc) implements Expr {}

  /** A function call (or struct constructor) used as a value. */
  public record EFuncCall(FuncCall call, Loc loc) implements Expr {}

  /** {@code new a}. */
  public record ENew(Expr expr, boolean typed, Loc loc) implements Expr {}

  /** A label or function not yet placed (its pc is known only in the second pass). */
  public record EFutureLabel(String name, boolean typed, Loc loc) implements Expr {}

  /** An argument: {@code expr} or {@code name=expr}. */
  public record Arg(String name, Loc nameLoc, Expr expr, Loc loc) {}

  /** {@code f{implicit}(args)}. */
  public record FuncCall(
      String name, Loc nameLoc, List<Arg> implicitArgs, List<Arg> args, Loc loc) {}

  // ---------------------------------------------------------------- statements

  /** {@code [local] name[: type]}. */
  public record TypedId(boolean local, String name, CType type, Loc loc, Loc nameLoc) {
    public TypedId(boolean local, String name, CType type, Loc loc) {
      this(local, name, type, loc, loc);
    }
  }

  /** {@code name [as alias]}. */
  public record AliasedId(String name, String alias, Loc loc) {
    public String localName() {
      return alias == null ? name : alias;
    }
  }

  /** A boolean condition of {@code if}: {@code a == b}, {@code a != b}, or a conjunction. */
  public sealed interface BoolExpr permits BoolEq, BoolAnd {}

  /** {@code a == b} or {@code a != b}. */
  public record BoolEq(Expr a, Expr b, boolean eq, Loc loc) implements BoolExpr {}

  /** {@code a and b}. */
  public record BoolAnd(BoolExpr a, BoolEq b, Loc loc) implements BoolExpr {}

  /** An instruction body. */
  public sealed interface Instr
      permits IAssertEq, IJump, IJumpLabel, IJnz, ICall, ICallLabel, IRet, IAddAp, IDw {}

  /** {@code a = b}. */
  public record IAssertEq(Expr a, Expr b, Loc loc) implements Instr {}

  /** {@code jmp rel/abs x}. */
  public record IJump(Expr val, boolean relative, Loc loc) implements Instr {}

  /** {@code jmp label [if cond != 0]}. */
  public record IJumpLabel(String label, Loc labelLoc, Expr condition, Loc loc) implements Instr {}

  /** {@code jmp rel off if cond != 0}. */
  public record IJnz(Expr offset, Expr condition, Loc loc) implements Instr {}

  /** {@code call rel/abs x}. */
  public record ICall(Expr val, boolean relative, Loc loc) implements Instr {}

  /** {@code call label}. */
  public record ICallLabel(String label, Loc labelLoc, boolean fullyQualified, Loc loc)
      implements Instr {}

  /** {@code ret}. */
  public record IRet(Loc loc) implements Instr {}

  /** {@code ap += x}. */
  public record IAddAp(Expr expr, Loc loc) implements Instr {}

  /** {@code dw x}. */
  public record IDw(Expr expr, Loc loc) implements Instr {}

  /** A statement. */
  public sealed interface Stmt
      permits SInstruction,
          SConst,
          SReference,
          SReturnValueRef,
          SUnpack,
          SLocal,
          STempvar,
          SAssertEq,
          SStaticAssert,
          SReturn,
          STailCall,
          SIf,
          SFuncCall,
          SLabel,
          SFunction,
          SStruct,
          STypedef,
          SWithAttr,
          SWith,
          SHint,
          SBuiltins,
          SLang,
          SImport,
          SAllocLocals {
    Loc loc();
  }

  /** An instruction statement. */
  public record SInstruction(Instr body, boolean incAp, Loc loc) implements Stmt {}

  /** {@code const X = e;}. */
  public record SConst(String name, Loc nameLoc, Expr expr, Loc loc) implements Stmt {}

  /** {@code let x = e;}. */
  public record SReference(TypedId id, Expr expr, Loc loc) implements Stmt {}

  /** {@code let x = f(...);} or {@code let x = call f;}. */
  public record SReturnValueRef(TypedId id, FuncCall call, Instr callInstr, Loc loc)
      implements Stmt {}

  /** {@code let (a, b) = f(...);}. */
  public record SUnpack(List<TypedId> ids, Loc idsLoc, FuncCall call, Loc loc) implements Stmt {}

  /** {@code local x [= e];}. */
  public record SLocal(TypedId id, Expr expr, Loc loc) implements Stmt {}

  /** {@code tempvar x [= e];}. */
  public record STempvar(TypedId id, Expr expr, Loc loc) implements Stmt {}

  /** {@code assert a = b;}. */
  public record SAssertEq(Expr a, Expr b, Loc loc) implements Stmt {}

  /** {@code static_assert a == b;}. */
  public record SStaticAssert(Expr a, Expr b, Loc loc) implements Stmt {}

  /** {@code return e;}. */
  public record SReturn(Expr expr, Loc loc) implements Stmt {}

  /** {@code return f(...);}. */
  public record STailCall(FuncCall call, Loc loc) implements Stmt {}

  /** {@code if (cond) {...} else {...}}; labels are assigned before compilation. */
  public record SIf(
      BoolExpr cond, List<Stmt> main, List<Stmt> orElse, String labelNeq, String labelEnd, Loc loc)
      implements Stmt {}

  /** {@code f(...);}. */
  public record SFuncCall(FuncCall call, Loc loc) implements Stmt {}

  /** {@code name:}. */
  public record SLabel(String name, Loc loc) implements Stmt {}

  /** A function or namespace. */
  public record SFunction(
      boolean isNamespace,
      String name,
      Loc nameLoc,
      List<String> decorators,
      List<Loc> decoratorLocs,
      List<TypedId> implicitArgs,
      boolean hasImplicitArgs,
      List<TypedId> args,
      Loc argsLoc,
      CType returns,
      List<Stmt> body,
      Loc loc)
      implements Stmt {}

  /** {@code struct S { a: T, ... }}. */
  public record SStruct(String name, Loc nameLoc, List<TypedId> members, Loc loc) implements Stmt {}

  /** {@code using X = T;}. */
  public record STypedef(String name, Loc nameLoc, CType type, Loc loc) implements Stmt {}

  /** {@code with_attr name("value") {...}}. */
  public record SWithAttr(String name, String value, List<Stmt> body, Loc loc) implements Stmt {}

  /** {@code with a, b {...}}. */
  public record SWith(List<AliasedId> ids, List<Stmt> body, Loc loc) implements Stmt {}

  /** {@code %{ code %}}. */
  public record SHint(String code, int prefixNewlines, Loc loc) implements Stmt {}

  /** {@code %builtins a b c}. */
  public record SBuiltins(List<String> builtins, Loc loc) implements Stmt {}

  /** {@code %lang x}. */
  public record SLang(String lang, Loc loc) implements Stmt {}

  /** {@code from a.b import c as d, e}. */
  public record SImport(String path, Loc pathLoc, List<AliasedId> items, Loc loc) implements Stmt {}

  /** {@code alloc_locals;}. */
  public record SAllocLocals(Loc loc) implements Stmt {}
}
