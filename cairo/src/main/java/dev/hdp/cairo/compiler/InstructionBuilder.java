package dev.hdp.cairo.compiler;

import dev.hdp.cairo.compiler.Ast.*;
import java.math.BigInteger;
import java.util.List;

/** Turns simplified instruction syntax into machine words (StarkWare's instruction encoding). */
final class InstructionBuilder {
  private InstructionBuilder() {}

  private static final int DST_FP = 1;
  private static final int OP0_FP = 1 << 1;
  private static final int OP1_IMM = 1 << 2;
  private static final int OP1_FP = 1 << 3;
  private static final int OP1_AP = 1 << 4;
  private static final int RES_ADD = 1 << 5;
  private static final int RES_MUL = 1 << 6;
  private static final int PC_ABS = 1 << 7;
  private static final int PC_REL = 1 << 8;
  private static final int PC_JNZ = 1 << 9;
  private static final int AP_ADD = 1 << 10;
  private static final int AP_ADD1 = 1 << 11;
  private static final int CALL = 1 << 12;
  private static final int RET = 1 << 13;
  private static final int ASSERT_EQ = 1 << 14;

  /** Raised when an instruction cannot be encoded. */
  static final class BuildException extends CairoCompileException {
    private static final long serialVersionUID = 1L;

    BuildException(String message, Loc loc) {
      super(message, loc);
    }
  }

  /** The res operand: off1, off2, the immediate (or null) and flags. */
  private record Res(int off1, int off2, BigInteger imm, int flags) {}

  /** Encodes an instruction into one or two words. */
  static List<BigInteger> build(Instr body, boolean incAp) {
    return switch (body) {
      case IAssertEq a -> assertEq(a, incAp);
      case IJump j -> {
        Res r = res(j.val());
        yield words(
            -1,
            r.off1,
            r.off2,
            DST_FP | r.flags | (j.relative() ? PC_REL : PC_ABS) | (incAp ? AP_ADD1 : 0),
            r.imm);
      }
      case IJnz j -> {
        int[] dst = regOffset(deref(j.condition()), j.condition().loc());
        int off2;
        BigInteger imm = null;
        int flags = (dst[0] == 1 ? 0 : DST_FP) | OP0_FP | PC_JNZ | (incAp ? AP_ADD1 : 0);
        if (j.offset() instanceof EDeref d) {
          int[] o = regOffset(d.addr(), d.loc());
          off2 = o[1];
          flags |= o[0] == 1 ? OP1_AP : OP1_FP;
        } else if (j.offset() instanceof EConst c) {
          off2 = 1;
          imm = c.val();
          flags |= OP1_IMM;
        } else {
          throw new BuildException("Invalid expression for jmp offset.", j.offset().loc());
        }
        yield words(dst[1], -1, off2, flags, imm);
      }
      case ICall c -> {
        if (incAp) {
          throw new BuildException("ap++ may not be used with the call opcode.", c.loc());
        }
        int off2;
        BigInteger imm = null;
        int flags = CALL | (c.relative() ? PC_REL : PC_ABS);
        if (c.val() instanceof EDeref d) {
          int[] o = regOffset(d.addr(), d.loc());
          off2 = o[1];
          flags |= o[0] == 1 ? OP1_AP : OP1_FP;
        } else if (c.val() instanceof EConst k) {
          off2 = 1;
          imm = k.val();
          flags |= OP1_IMM;
        } else {
          throw new BuildException("Invalid offset for call.", c.val().loc());
        }
        yield words(0, 1, off2, flags, imm);
      }
      case IRet r -> {
        if (incAp) {
          throw new BuildException("ap++ may not be used with the ret opcode.", r.loc());
        }
        yield words(-2, -1, -1, DST_FP | OP0_FP | OP1_FP | PC_ABS | RET, null);
      }
      case IAddAp a -> {
        if (incAp) {
          throw new BuildException("ap++ may not be used with the addap opcode.", a.loc());
        }
        Res r = res(a.expr());
        yield words(-1, r.off1, r.off2, DST_FP | r.flags | AP_ADD, r.imm);
      }
      case IDw d -> {
        if (incAp) {
          throw new BuildException("ap++ may not be used with the dw opcode.", d.loc());
        }
        if (!(d.expr() instanceof EConst c)) {
          throw new BuildException("dw must be followed by a constant expression.", d.expr().loc());
        }
        yield List.of(c.val().mod(Exprs.PRIME));
      }
      default -> throw new BuildException("Unresolved instruction.", null);
    };
  }

  /** The size in words; with auto-deduction, unresolved labels and constants count as 2. */
  static int size(Instr body, boolean incAp, boolean allowAutoDeduction) {
    if (allowAutoDeduction) {
      if (body instanceof IJumpLabel || body instanceof ICallLabel) {
        return 2;
      }
      if (body instanceof IAssertEq a
          && a.a() instanceof EDeref d
          && Exprs.regOffset(d.addr()) != null
          && isConstLike(a.b())) {
        return 2;
      }
    }
    return build(body, incAp).size();
  }

  private static boolean isConstLike(Expr e) {
    return switch (e) {
      case EConst c -> true;
      case EFutureLabel f -> true;
      case EOp o -> isConstLike(o.a()) && isConstLike(o.b());
      case ENeg n -> isConstLike(n.val());
      case EPow p -> isConstLike(p.a()) && isConstLike(p.b());
      case EParen p -> isConstLike(p.val());
      default -> false;
    };
  }

  private static List<BigInteger> assertEq(IAssertEq a, boolean incAp) {
    try {
      return assertEqInner(a, incAp);
    } catch (BuildException first) {
      try {
        return assertEqInner(new IAssertEq(a.b(), a.a(), a.loc()), incAp);
      } catch (RuntimeException ignored) {
        throw first;
      }
    }
  }

  private static List<BigInteger> assertEqInner(IAssertEq a, boolean incAp) {
    Expr lhs = a.a();
    Expr rhs = a.b();
    if (rhs instanceof EOp o && (o.op().equals("-") || o.op().equals("/"))) {
      if (o.b() instanceof EConst) {
        throw new BuildException(
            "Subtraction and division are not supported for immediates.", o.b().loc());
      }
      String inv = o.op().equals("-") ? "+" : "*";
      Expr newLhs = o.a();
      rhs = new EOp(lhs, inv, o.b(), a.loc());
      lhs = newLhs;
    }
    int[] dst = regOffset(deref(lhs), lhs.loc());
    Res r = res(rhs);
    int flags = (dst[0] == 1 ? 0 : DST_FP) | r.flags | ASSERT_EQ | (incAp ? AP_ADD1 : 0);
    return words(dst[1], r.off1, r.off2, flags, r.imm);
  }

  private static Expr deref(Expr e) {
    if (!(e instanceof EDeref d)) {
      throw new BuildException("Expected a dereference expression.", e.loc());
    }
    return d.addr();
  }

  private static int[] regOffset(Expr e, Loc loc) {
    Expr inner = e;
    int off = 0;
    if (e instanceof EOp o) {
      if (!(o.op().equals("+") || o.op().equals("-"))) {
        throw new BuildException("Expected '+' or '-', found: '" + o.op() + "'.", o.loc());
      }
      if (!(o.b() instanceof EConst c)
          || c.val().bitLength() > 17
          || !inRange(c.val().intValue() * (o.op().equals("-") ? -1 : 1))) {
        throw new BuildException(
            "Expected a constant offset in the range [-2^15, 2^15).", o.b().loc());
      }
      off = c.val().intValue() * (o.op().equals("-") ? -1 : 1);
      inner = o.a();
    }
    if (!(inner instanceof EReg r)) {
      throw new BuildException("Expected a register. Found: " + Exprs.format(inner) + ".", loc);
    }
    return new int[] {r.ap() ? 1 : 0, off};
  }

  private static boolean inRange(int v) {
    return v >= -(1 << 15) && v < (1 << 15);
  }

  private static Res res(Expr e) {
    if (e instanceof EDeref d) {
      Expr addr = d.addr();
      if (addr instanceof EDeref || (addr instanceof EOp o && o.a() instanceof EDeref)) {
        Expr inner = addr;
        int off2 = 0;
        if (addr instanceof EOp o) {
          int[] ro = offsetOnly(o);
          off2 = ro[0];
          inner = o.a();
        }
        int[] op0 = regOffset(deref(inner), inner.loc());
        return new Res(op0[1], off2, null, op0[0] == 1 ? 0 : OP0_FP);
      }
      int[] op1 = regOffset(addr, addr.loc());
      return new Res(-1, op1[1], null, OP0_FP | (op1[0] == 1 ? OP1_AP : OP1_FP));
    }
    if (e instanceof EConst c) {
      return new Res(-1, 1, c.val(), OP0_FP | OP1_IMM);
    }
    if (e instanceof EOp o) {
      int resFlag;
      if (o.op().equals("+")) {
        resFlag = RES_ADD;
      } else if (o.op().equals("*")) {
        resFlag = RES_MUL;
      } else {
        throw new BuildException("Expected '+' or '*', found: '" + o.op() + "'.", o.loc());
      }
      int[] op0 = regOffset(deref(o.a()), o.a().loc());
      int flags = resFlag | (op0[0] == 1 ? 0 : OP0_FP);
      if (o.b() instanceof EConst c) {
        return new Res(op0[1], 1, c.val(), flags | OP1_IMM);
      }
      if (o.b() instanceof EDeref d) {
        int[] op1 = regOffset(d.addr(), d.loc());
        return new Res(op0[1], op1[1], null, flags | (op1[0] == 1 ? OP1_AP : OP1_FP));
      }
      throw new BuildException(
          "Expected a constant expression or a dereference expression.", o.b().loc());
    }
    throw new BuildException("Invalid RHS expression.", e.loc());
  }

  private static int[] offsetOnly(EOp o) {
    if (!(o.op().equals("+") || o.op().equals("-"))) {
      throw new BuildException("Expected '+' or '-', found: '" + o.op() + "'.", o.loc());
    }
    if (!(o.b() instanceof EConst c)
        || c.val().bitLength() > 17
        || !inRange(c.val().intValue() * (o.op().equals("-") ? -1 : 1))) {
      throw new BuildException(
          "Expected a constant offset in the range [-2^15, 2^15).", o.b().loc());
    }
    return new int[] {c.val().intValue() * (o.op().equals("-") ? -1 : 1)};
  }

  private static List<BigInteger> words(int off0, int off1, int off2, int flags, BigInteger imm) {
    BigInteger word =
        BigInteger.valueOf(flags)
            .shiftLeft(48)
            .or(BigInteger.valueOf(off2 + (1 << 15)).shiftLeft(32))
            .or(BigInteger.valueOf(off1 + (1 << 15)).shiftLeft(16))
            .or(BigInteger.valueOf(off0 + (1 << 15)));
    if (imm == null) {
      return List.of(word);
    }
    return List.of(word, imm.mod(Exprs.PRIME));
  }
}
