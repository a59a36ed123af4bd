package dev.hdp.cairo.hints;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Memory;
import dev.hdp.cairo.vm.Relocatable;
import java.math.BigInteger;

/**
 * A parsed reference expression, as the compiler writes them in {@code reference_manager}: {@code
 * [cast(fp + (-3), felt*)]}, {@code cast([ap + (-1)] + 2, T*)}, {@code [cast([fp + (-4)] + 1,
 * T*)]}, {@code cast(5, felt)} and the like.
 */
public sealed interface ReferenceExpression {
  /** The value (evaluating memory reads) given the registers. */
  MaybeRelocatable evaluate(Memory memory, Relocatable ap, Relocatable fp);

  /** Whether it reads ap (so it is invalid across ap-tracking groups). */
  boolean usesAp();

  /** The register ap or fp. */
  record Register(boolean isAp) implements ReferenceExpression {
    @Override
    public MaybeRelocatable evaluate(Memory memory, Relocatable ap, Relocatable fp) {
      return isAp ? ap : fp;
    }

    @Override
    public boolean usesAp() {
      return isAp;
    }
  }

  /** An integer literal. */
  record Literal(BigInteger value) implements ReferenceExpression {
    @Override
    public MaybeRelocatable evaluate(Memory memory, Relocatable ap, Relocatable fp) {
      return MaybeRelocatable.of(value);
    }

    @Override
    public boolean usesAp() {
      return false;
    }
  }

  /** An expression this parser does not handle (such as a tuple literal); fails when used. */
  record Unsupported(String text, String reason) implements ReferenceExpression {
    @Override
    public MaybeRelocatable evaluate(Memory memory, Relocatable ap, Relocatable fp) {
      throw new HintException(reason);
    }

    @Override
    public boolean usesAp() {
      return false;
    }
  }

  /** A memory read {@code [e]}. */
  record Deref(ReferenceExpression address) implements ReferenceExpression {
    @Override
    public MaybeRelocatable evaluate(Memory memory, Relocatable ap, Relocatable fp) {
      MaybeRelocatable a = address.evaluate(memory, ap, fp);
      if (!(a instanceof Relocatable r)) {
        throw new HintException("cannot dereference " + a);
      }
      return memory.get(r);
    }

    @Override
    public boolean usesAp() {
      return address.usesAp();
    }
  }

  /** a + b or a - b. */
  record Sum(ReferenceExpression left, ReferenceExpression right, boolean subtract)
      implements ReferenceExpression {
    @Override
    public MaybeRelocatable evaluate(Memory memory, Relocatable ap, Relocatable fp) {
      MaybeRelocatable a = left.evaluate(memory, ap, fp);
      MaybeRelocatable b = right.evaluate(memory, ap, fp);
      if (a == null || b == null) {
        return null;
      }
      return combine(a, b, subtract);
    }

    @Override
    public boolean usesAp() {
      return left.usesAp() || right.usesAp();
    }
  }

  /** a * b. */
  record Product(ReferenceExpression left, ReferenceExpression right)
      implements ReferenceExpression {
    @Override
    public MaybeRelocatable evaluate(Memory memory, Relocatable ap, Relocatable fp) {
      MaybeRelocatable a = left.evaluate(memory, ap, fp);
      MaybeRelocatable b = right.evaluate(memory, ap, fp);
      if (a instanceof MaybeRelocatable.Int x && b instanceof MaybeRelocatable.Int y) {
        return new MaybeRelocatable.Int(x.value().mul(y.value()));
      }
      throw new HintException("cannot multiply " + a + " by " + b);
    }

    @Override
    public boolean usesAp() {
      return left.usesAp() || right.usesAp();
    }
  }

  /** {@code cast(e, T)}: the value of e, typed T. */
  record Cast(ReferenceExpression inner, String type) implements ReferenceExpression {
    @Override
    public MaybeRelocatable evaluate(Memory memory, Relocatable ap, Relocatable fp) {
      return inner.evaluate(memory, ap, fp);
    }

    @Override
    public boolean usesAp() {
      return inner.usesAp();
    }
  }

  /** a ± b on memory values. */
  static MaybeRelocatable combine(MaybeRelocatable a, MaybeRelocatable b, boolean subtract) {
    if (a instanceof MaybeRelocatable.Int x && b instanceof MaybeRelocatable.Int y) {
      return new MaybeRelocatable.Int(
          subtract ? x.value().sub(y.value()) : x.value().add(y.value()));
    }
    if (a instanceof Relocatable r && b instanceof MaybeRelocatable.Int y) {
      long delta = signedSmall(y.value());
      return r.add(subtract ? -delta : delta);
    }
    if (!subtract && a instanceof MaybeRelocatable.Int x && b instanceof Relocatable r) {
      return r.add(signedSmall(x.value()));
    }
    if (subtract && a instanceof Relocatable r && b instanceof Relocatable s) {
      return MaybeRelocatable.of(r.sub(s));
    }
    throw new HintException("cannot " + (subtract ? "subtract " : "add ") + b + " and " + a);
  }

  /** A felt as a signed offset (values above p/2 are negative). */
  static long signedSmall(Felt252 v) {
    BigInteger b = v.toBigInteger();
    if (b.compareTo(Felt252.PRIME.shiftRight(1)) > 0) {
      b = b.subtract(Felt252.PRIME);
    }
    if (b.bitLength() > 62) {
      throw new HintException("offset " + b + " is too large");
    }
    return b.longValue();
  }

  /** Parses a reference expression. */
  static ReferenceExpression parse(String text) {
    Parser p = new Parser(text);
    ReferenceExpression e = p.expression();
    p.skipSpaces();
    if (p.pos != text.length()) {
      throw new HintException("cannot parse reference \"" + text + "\" at " + p.pos);
    }
    return e;
  }

  /** A small recursive-descent parser over the reference grammar. */
  final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    void skipSpaces() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    ReferenceExpression expression() {
      ReferenceExpression left = product();
      while (true) {
        skipSpaces();
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          boolean minus = s.charAt(pos) == '-';
          pos++;
          left = new Sum(left, product(), minus);
        } else {
          return left;
        }
      }
    }

    ReferenceExpression product() {
      ReferenceExpression left = atom();
      while (true) {
        skipSpaces();
        if (pos < s.length() && s.charAt(pos) == '*') {
          pos++;
          left = new Product(left, atom());
        } else {
          return left;
        }
      }
    }

    ReferenceExpression atom() {
      skipSpaces();
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      if (c == '[') {
        pos++;
        ReferenceExpression inner = expression();
        expect(']');
        return new Deref(inner);
      }
      if (c == '(') {
        pos++;
        ReferenceExpression inner = expression();
        expect(')');
        return inner;
      }
      if (c == '-') {
        pos++;
        ReferenceExpression inner = atom();
        if (inner instanceof Literal l) {
          return new Literal(l.value().negate());
        }
        return new Sum(new Literal(BigInteger.ZERO), inner, true);
      }
      if (Character.isDigit(c)) {
        int start = pos;
        while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
          pos++;
        }
        String lit = s.substring(start, pos);
        return new Literal(
            lit.startsWith("0x") ? new BigInteger(lit.substring(2), 16) : new BigInteger(lit));
      }
      if (s.startsWith("cast(", pos)) {
        pos += 5;
        ReferenceExpression inner = expression();
        expect(',');
        skipSpaces();
        int start = pos;
        int depth = 0;
        while (pos < s.length() && (depth > 0 || s.charAt(pos) != ')')) {
          if (s.charAt(pos) == '(') {
            depth++;
          } else if (s.charAt(pos) == ')') {
            depth--;
          }
          pos++;
        }
        String type = s.substring(start, pos).trim();
        expect(')');
        return new Cast(inner, type);
      }
      if (s.startsWith("ap", pos)) {
        pos += 2;
        return new Register(true);
      }
      if (s.startsWith("fp", pos)) {
        pos += 2;
        return new Register(false);
      }
      throw error("unexpected '" + c + "'");
    }

    private void expect(char c) {
      skipSpaces();
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private HintException error(String what) {
      return new HintException("cannot parse reference \"" + s + "\": " + what + " at " + pos);
    }
  }
}
