package dev.hdp.cairo.compiler;

import dev.hdp.cairo.compiler.Ast.*;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Formatting, constant folding and register translation of expressions. */
final class Exprs {
  private Exprs() {}

  /** The STARK prime 2^251 + 17 * 2^192 + 1. */
  static final BigInteger PRIME =
      BigInteger.ONE.shiftLeft(251).add(BigInteger.valueOf(17).shiftLeft(192)).add(BigInteger.ONE);

  private static final BigInteger HALF_PRIME = PRIME.shiftRight(1);

  /** The representative of {@code v} mod the prime in (-p/2, p/2], as StarkWare keeps constants. */
  static BigInteger toField(BigInteger v) {
    return v.add(HALF_PRIME).mod(PRIME).subtract(HALF_PRIME);
  }

  static EConst c(long v, Loc loc) {
    return new EConst(BigInteger.valueOf(v), loc);
  }

  // ------------------------------------------------------------------ formatting

  private enum Prec {
    LOWEST,
    PLUS,
    MUL,
    POW,
    ADDROF,
    HIGHEST
  }

  private record S(String txt, Prec prec) {
    String at(Prec p) {
      return prec.compareTo(p) < 0 ? "(" + txt + ")" : txt;
    }
  }

  static String format(Expr e) {
    return fmt(e).txt;
  }

  private static S fmt(Expr e) {
    return switch (e) {
      case EConst c ->
          c.val().signum() >= 0
              ? new S(c.val().toString(), Prec.HIGHEST)
              : new S("-" + c.val().negate(), Prec.LOWEST);
      case EIdent i -> new S(i.name(), Prec.HIGHEST);
      case EFutureLabel f -> new S(f.name(), Prec.HIGHEST);
      case EReg r -> new S(r.ap() ? "ap" : "fp", Prec.HIGHEST);
      case EOp o -> {
        S a = fmt(o.a());
        S b = fmt(o.b());
        yield switch (o.op()) {
          case "+" -> new S(a.at(Prec.PLUS) + " + " + b.at(Prec.PLUS), Prec.PLUS);
          case "-" -> new S(a.at(Prec.PLUS) + " - " + b.at(Prec.MUL), Prec.PLUS);
          case "*" -> new S(a.at(Prec.MUL) + " * " + b.at(Prec.MUL), Prec.MUL);
          default -> new S(a.at(Prec.MUL) + " / " + b.at(Prec.POW), Prec.MUL);
        };
      }
      case EPow p ->
          new S(fmt(p.a()).at(Prec.HIGHEST) + " ** " + fmt(p.b()).at(Prec.HIGHEST), Prec.POW);
      case ENeg n -> new S("-" + fmt(n.val()).at(Prec.ADDROF), Prec.LOWEST);
      case EParen p -> new S("(" + fmt(p.val()).txt + ")", Prec.HIGHEST);
      case EDeref d -> new S("[" + fmt(d.addr()).txt + "]", Prec.HIGHEST);
      case EAddrOf a -> new S("&" + fmt(a.expr()).at(Prec.ADDROF), Prec.ADDROF);
      case ESubscript s ->
          new S(fmt(s.expr()).at(Prec.HIGHEST) + "[" + fmt(s.offset()).txt + "]", Prec.HIGHEST);
      case EDot d -> new S(fmt(d.expr()).at(Prec.HIGHEST) + "." + d.member(), Prec.HIGHEST);
      case ECast c ->
          new S("cast(" + fmt(c.expr()).txt + ", " + formatType(c.type()) + ")", Prec.HIGHEST);
      case ETuple t -> {
        String inner =
            t.args().stream()
                .map(a -> (a.name() == null ? "" : a.name() + "=") + fmt(a.expr()).txt)
                .collect(Collectors.joining(", "));
        yield new S(
            "(" + inner + (t.trailingComma() && t.args().size() == 1 ? ",)" : ")"), Prec.HIGHEST);
      }
      case EHint h -> new S("nondet %{ " + h.code() + " %}", Prec.HIGHEST);
      case EFuncCall f -> new S(f.call().name() + "(...)", Prec.HIGHEST);
      case ENew n -> new S("new " + fmt(n.expr()).at(Prec.ADDROF), Prec.LOWEST);
    };
  }

  static String formatType(CType t) {
    return switch (t) {
      case TFelt f -> "felt";
      case TCodeoffset c -> "codeoffset";
      case TPointer p -> formatType(p.pointee()) + "*";
      case TIdent i -> i.name();
      case TStruct s -> s.fullName();
      case TTuple tt ->
          "("
              + tt.items().stream()
                  .map(i -> (i.name() == null ? "" : i.name() + ": ") + formatType(i.type()))
                  .collect(Collectors.joining(", "))
              + (tt.items().size() == 1 && tt.items().get(0).name() == null ? ",)" : ")");
    };
  }

  // ------------------------------------------------------------------ simplifier

  /** Constant folding and normalisation (StarkWare's ExpressionSimplifier with the prime). */
  static Expr simplify(Expr e) {
    return simplify(e, true);
  }

  static Expr simplify(Expr e, boolean withPrime) {
    return switch (e) {
      case EConst c -> withPrime ? new EConst(toField(c.val()), c.loc()) : c;
      case EOp o -> simplifyOp(o, withPrime);
      case EPow p -> {
        Expr a = simplify(p.a(), withPrime);
        Expr b = simplify(p.b(), false);
        if (a instanceof EConst ca && b instanceof EConst cb) {
          if (cb.val().signum() < 0) {
            throw new CairoCompileException(
                "Power is not supported with a negative exponent.", p.loc());
          }
          yield new EConst(
              withPrime ? ca.val().modPow(cb.val(), PRIME) : ca.val().pow(cb.val().intValueExact()),
              p.loc());
        }
        yield new EPow(a, b, p.loc());
      }
      case ENeg n -> {
        Expr v = simplify(n.val(), withPrime);
        if (v instanceof EConst cv) {
          BigInteger neg = cv.val().negate();
          yield new EConst(withPrime ? toField(neg) : neg, n.loc());
        }
        yield new ENeg(v, n.loc());
      }
      case EParen p -> simplify(p.val(), withPrime);
      case EDeref d -> new EDeref(simplify(d.addr(), withPrime), d.loc());
      case EAddrOf a -> new EAddrOf(simplify(a.expr(), withPrime), a.loc());
      case ECast c -> new ECast(simplify(c.expr(), withPrime), c.type(), c.kind(), c.loc());
      case ETuple t -> {
        List<Arg> args = new ArrayList<>();
        for (Arg a : t.args()) {
          args.add(new Arg(a.name(), a.nameLoc(), simplify(a.expr(), withPrime), a.loc()));
        }
        yield new ETuple(args, t.trailingComma(), t.loc());
      }
      case ENew n -> new ENew(simplify(n.expr(), withPrime), n.typed(), n.loc());
      case ESubscript s ->
          new ESubscript(simplify(s.expr(), withPrime), simplify(s.offset(), withPrime), s.loc());
      case EDot d -> new EDot(simplify(d.expr(), withPrime), d.member(), d.loc());
      default -> e;
    };
  }

  private static Expr simplifyOp(EOp o, boolean withPrime) {
    Expr a = simplify(o.a(), withPrime);
    Expr b = simplify(o.b(), withPrime);
    String op = o.op();
    Loc loc = o.loc();
    if (b instanceof EConst cb && op.equals("/") && cb.val().signum() == 0) {
      throw new CairoCompileException("Division by zero.", b.loc());
    }
    if (a instanceof EConst ca && b instanceof EConst cb) {
      BigInteger val = null;
      if (op.equals("/") && withPrime) {
        if (cb.val().mod(PRIME).signum() == 0) {
          throw new CairoCompileException("Division by zero.", b.loc());
        }
        val = toField(ca.val().multiply(cb.val().modInverse(PRIME)).mod(PRIME));
      } else if (!op.equals("/")) {
        BigInteger r =
            switch (op) {
              case "+" -> ca.val().add(cb.val());
              case "-" -> ca.val().subtract(cb.val());
              default -> ca.val().multiply(cb.val());
            };
        val = withPrime ? toField(r) : r;
      }
      if (val != null) {
        return new EConst(val, loc);
      }
    }
    if (a instanceof EConst && op.equals("+")) {
      Expr t = a;
      a = b;
      b = t;
    }
    if (b instanceof EConst cb && op.equals("-")) {
      op = "+";
      BigInteger neg = cb.val().negate();
      b = new EConst(withPrime ? toField(neg) : neg, cb.loc());
    }
    if (b instanceof EConst cb && op.equals("/") && withPrime) {
      op = "*";
      if (cb.val().mod(PRIME).signum() == 0) {
        throw new CairoCompileException("Division by zero.", b.loc());
      }
      b = new EConst(toField(cb.val().modInverse(PRIME)), cb.loc());
    }
    if (b instanceof EConst cb && cb.val().signum() == 0 && (op.equals("+") || op.equals("-"))) {
      return a;
    }
    if (b instanceof EConst cb
        && cb.val().equals(BigInteger.ONE)
        && (op.equals("*") || op.equals("/"))) {
      return a;
    }
    if (a instanceof EConst ca && ca.val().equals(BigInteger.ONE) && op.equals("*")) {
      return b;
    }
    if (b instanceof EConst
        && a instanceof EOp ao
        && ((op.equals("+") && (ao.op().equals("+") || ao.op().equals("-")))
            || (op.equals("*") && ao.op().equals("*")))) {
      return simplify(new EOp(ao.a(), ao.op(), new EOp(ao.b(), ao.op(), b, loc), loc), withPrime);
    }
    return new EOp(a, op, b, loc);
  }

  // ------------------------------------------------------------------ registers

  /** Thrown when an ap-based expression cannot follow an unknown change of ap. */
  static final class ApDeductionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ApDeductionException() {
      super("Failed to deduce ap.", null, false, false);
    }
  }

  /**
   * Rewrites {@code ap} as {@code ap - diff} (the value of the old ap seen from the new one); a
   * null diff (unknown change) makes any use of ap fail.
   */
  static Expr translateAp(Expr e, Integer diff) {
    return switch (e) {
      case EReg r -> {
        if (!r.ap()) {
          yield r;
        }
        if (diff == null) {
          throw new ApDeductionException();
        }
        yield new EOp(r, "-", c(diff, r.loc()), r.loc());
      }
      case EOp o -> new EOp(translateAp(o.a(), diff), o.op(), translateAp(o.b(), diff), o.loc());
      case EPow p -> new EPow(translateAp(p.a(), diff), translateAp(p.b(), diff), p.loc());
      case ENeg n -> new ENeg(translateAp(n.val(), diff), n.loc());
      case EParen p -> new EParen(translateAp(p.val(), diff), p.loc());
      case EDeref d -> new EDeref(translateAp(d.addr(), diff), d.loc());
      case EAddrOf a -> new EAddrOf(translateAp(a.expr(), diff), a.loc());
      case ESubscript s ->
          new ESubscript(translateAp(s.expr(), diff), translateAp(s.offset(), diff), s.loc());
      case EDot d -> new EDot(translateAp(d.expr(), diff), d.member(), d.loc());
      case ECast c -> new ECast(translateAp(c.expr(), diff), c.type(), c.kind(), c.loc());
      case ETuple t -> {
        List<Arg> args = new ArrayList<>();
        for (Arg a : t.args()) {
          args.add(new Arg(a.name(), a.nameLoc(), translateAp(a.expr(), diff), a.loc()));
        }
        yield new ETuple(args, t.trailingComma(), t.loc());
      }
      case ENew n -> new ENew(translateAp(n.expr(), diff), n.typed(), n.loc());
      case EFuncCall f -> {
        List<Arg> args = new ArrayList<>();
        for (Arg a : f.call().args()) {
          args.add(new Arg(a.name(), a.nameLoc(), translateAp(a.expr(), diff), a.loc()));
        }
        FuncCall call = f.call();
        yield new EFuncCall(
            new FuncCall(call.name(), call.nameLoc(), call.implicitArgs(), args, call.loc()),
            f.loc());
      }
      default -> e;
    };
  }

  /** True when the expression is {@code [reg + const]} (or {@code [reg]}). */
  static boolean isSimpleDeref(Expr e) {
    return e instanceof EDeref d && regOffset(d.addr()) != null;
  }

  /** {@code reg + off} (or {@code reg - off}, {@code reg}) as (isAp, offset), or null. */
  static int[] regOffset(Expr e) {
    Expr inner = e;
    long off = 0;
    if (e instanceof EOp o) {
      if (!(o.op().equals("+") || o.op().equals("-")) || !(o.b() instanceof EConst cb)) {
        return null;
      }
      long v = cb.val().longValue() * (o.op().equals("-") ? -1 : 1);
      if (cb.val().bitLength() > 20 || v < -(1 << 15) || v >= (1 << 15)) {
        return null;
      }
      off = v;
      inner = o.a();
    }
    if (inner instanceof EReg r) {
      return new int[] {r.ap() ? 1 : 0, (int) off};
    }
    return null;
  }

  /** Every node's place seen from {@code parent}; a node without a place gets the parent's. */
  static Expr addParent(Expr e, Loc parent, String message) {
    if (parent == null) {
      return e;
    }
    java.util.function.UnaryOperator<Loc> m =
        l -> l == null ? parent : l.withParent(parent, message);
    return switch (e) {
      case EConst c -> new EConst(c.val(), m.apply(c.loc()));
      case EIdent i -> new EIdent(i.name(), m.apply(i.loc()));
      case EReg r -> new EReg(r.ap(), m.apply(r.loc()));
      case EOp o ->
          new EOp(
              addParent(o.a(), parent, message),
              o.op(),
              addParent(o.b(), parent, message),
              m.apply(o.loc()));
      case EPow p ->
          new EPow(
              addParent(p.a(), parent, message),
              addParent(p.b(), parent, message),
              m.apply(p.loc()));
      case ENeg n -> new ENeg(addParent(n.val(), parent, message), m.apply(n.loc()));
      case EParen p -> new EParen(addParent(p.val(), parent, message), m.apply(p.loc()));
      case EDeref d -> new EDeref(addParent(d.addr(), parent, message), m.apply(d.loc()));
      case EAddrOf a -> new EAddrOf(addParent(a.expr(), parent, message), m.apply(a.loc()));
      case ESubscript s ->
          new ESubscript(
              addParent(s.expr(), parent, message),
              addParent(s.offset(), parent, message),
              m.apply(s.loc()));
      case EDot d -> new EDot(addParent(d.expr(), parent, message), d.member(), m.apply(d.loc()));
      case ECast c ->
          new ECast(addParent(c.expr(), parent, message), c.type(), c.kind(), m.apply(c.loc()));
      case ETuple t -> {
        List<Arg> args = new ArrayList<>();
        for (Arg a : t.args()) {
          args.add(new Arg(a.name(), a.nameLoc(), addParent(a.expr(), parent, message), a.loc()));
        }
        yield new ETuple(args, t.trailingComma(), m.apply(t.loc()));
      }
      case EHint h -> new EHint(h.code(), h.prefixNewlines(), m.apply(h.loc()));
      case EFuncCall f -> new EFuncCall(f.call(), m.apply(f.loc()));
      case ENew n -> new ENew(addParent(n.expr(), parent, message), n.typed(), m.apply(n.loc()));
      case EFutureLabel f -> new EFutureLabel(f.name(), f.typed(), m.apply(f.loc()));
    };
  }

  /** The same expression placed at {@code loc} (its top node only). */
  static Expr withLoc(Expr e, Loc loc) {
    return switch (e) {
      case EConst c -> new EConst(c.val(), loc);
      case EIdent i -> new EIdent(i.name(), loc);
      case EReg r -> new EReg(r.ap(), loc);
      case EOp o -> new EOp(o.a(), o.op(), o.b(), loc);
      case EPow p -> new EPow(p.a(), p.b(), loc);
      case ENeg n -> new ENeg(n.val(), loc);
      case EParen p -> new EParen(p.val(), loc);
      case EDeref d -> new EDeref(d.addr(), loc);
      case EAddrOf a -> new EAddrOf(a.expr(), loc);
      case ESubscript s -> new ESubscript(s.expr(), s.offset(), loc);
      case EDot d -> new EDot(d.expr(), d.member(), loc);
      case ECast c -> new ECast(c.expr(), c.type(), c.kind(), loc);
      case ETuple t -> new ETuple(t.args(), t.trailingComma(), loc);
      case EHint h -> new EHint(h.code(), h.prefixNewlines(), loc);
      case EFuncCall f -> new EFuncCall(f.call(), loc);
      case ENew n -> new ENew(n.expr(), n.typed(), loc);
      case EFutureLabel f -> new EFutureLabel(f.name(), f.typed(), loc);
    };
  }

  static boolean sameExpr(Expr a, Expr b) {
    return format(a).equals(format(b));
  }
}
