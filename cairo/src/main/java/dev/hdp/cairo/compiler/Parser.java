package dev.hdp.cairo.compiler;

import dev.hdp.cairo.compiler.Ast.*;
import dev.hdp.cairo.compiler.Lexer.Kind;
import dev.hdp.cairo.compiler.Lexer.Token;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A recursive-descent parser for Cairo 0 files (the grammar of StarkWare's {@code cairo.ebnf}). */
public final class Parser {
  private static final Set<String> RESERVED =
      Set.of(
          "func",
          "struct",
          "namespace",
          "let",
          "local",
          "tempvar",
          "const",
          "return",
          "if",
          "else",
          "assert",
          "static_assert",
          "with",
          "with_attr",
          "from",
          "import",
          "alloc_locals",
          "cast",
          "new",
          "nondet",
          "ap",
          "fp",
          "call",
          "jmp",
          "ret",
          "dw",
          "felt",
          "codeoffset",
          "using",
          "and");

  private final List<Token> tokens;
  private int pos;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Parses a whole file into its top-level statements. */
  public static List<Stmt> parseFile(String file, String source) {
    Parser p = new Parser(new Lexer(file, source).tokenize());
    List<Stmt> out = p.block(true);
    p.expectKind(Kind.EOF);
    return out;
  }

  /** Parses one expression (used for tests and hint references). */
  public static Expr parseExpr(String file, String source) {
    Parser p = new Parser(new Lexer(file, source).tokenize());
    Expr e = p.expr();
    p.expectKind(Kind.EOF);
    return e;
  }

  // ------------------------------------------------------------------ helpers

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private Token next() {
    return tokens.get(pos++);
  }

  private boolean at(String s) {
    return peek().is(s);
  }

  private boolean accept(String s) {
    if (at(s)) {
      pos++;
      return true;
    }
    return false;
  }

  private Token expect(String s) {
    if (!at(s)) {
      throw unexpected("\"" + s + "\"");
    }
    return next();
  }

  private Token expectKind(Kind kind) {
    if (peek().kind() != kind) {
      throw unexpected(kind.name());
    }
    return next();
  }

  private CairoCompileException unexpected(String expected) {
    Token t = peek();
    String found =
        t.kind() == Kind.EOF ? "Unexpected end of input" : "Unexpected token " + larkRepr(t);
    return new CairoCompileException(found + ". Expected: " + expected + ".", t.loc());
  }

  /** The token as StarkWare's (lark) parser names it in errors, e.g. Token('SEMICOLON', ';'). */
  private static String larkRepr(Token t) {
    String type =
        switch (t.kind()) {
          case IDENT ->
              RESERVED.contains(t.text())
                  ? t.text().toUpperCase(java.util.Locale.ROOT)
                  : "IDENTIFIER";
          case INT -> "INT";
          case HEX -> "HEXINT";
          case STRING -> "STRING";
          case SHORT_STRING -> "SHORT_STRING";
          case HINT -> "HINT";
          case DIRECTIVE -> t.text().equals("%lang") ? "LANG" : "BUILTINS";
          case EOF -> "$END";
          case PUNCT ->
              switch (t.text()) {
                case ";" -> "SEMICOLON";
                case "(" -> "LPAR";
                case ")" -> "RPAR";
                case "{" -> "LBRACE";
                case "}" -> "RBRACE";
                case "[" -> "LSQB";
                case "]" -> "RSQB";
                case "," -> "COMMA";
                case ":" -> "COLON";
                case "." -> "DOT";
                case "=" -> "EQUAL";
                case "+" -> "PLUS";
                case "-" -> "MINUS";
                case "*" -> "STAR";
                case "/" -> "SLASH";
                case "&" -> "AMPERSAND";
                case "==" -> "_DBL_EQ";
                case "!=" -> "_NEQ";
                case "->" -> "_ARROW";
                case "@" -> "_AT";
                case "**" -> "_DBL_STAR";
                case "++" -> "_DBL_PLUS";
                default -> "__ANON";
              };
        };
    String text = t.text().contains("'") ? "\"" + t.text() + "\"" : "'" + t.text() + "'";
    return "Token('" + type + "', " + text + ")";
  }

  private Loc prevLoc() {
    return tokens.get(pos - 1).loc();
  }

  private Token identToken() {
    Token t = peek();
    if (t.kind() != Kind.IDENT || RESERVED.contains(t.text())) {
      throw unexpected("identifier");
    }
    return next();
  }

  /** A dotted identifier. */
  private Token dottedIdent() {
    Token first = identToken();
    StringBuilder sb = new StringBuilder(first.text());
    Loc loc = first.loc();
    while (at(".") && peek(1).kind() == Kind.IDENT && !RESERVED.contains(peek(1).text())) {
      pos++;
      Token t = next();
      sb.append('.').append(t.text());
      loc = loc.to(t.loc());
    }
    return new Token(Kind.IDENT, sb.toString(), loc);
  }

  // ------------------------------------------------------------------ statements

  private List<Stmt> block(boolean topLevel) {
    List<Stmt> out = new ArrayList<>();
    while (!(at("}") || peek().kind() == Kind.EOF)) {
      out.add(statement());
    }
    if (!topLevel && peek().kind() == Kind.EOF) {
      throw unexpected("\"}\"");
    }
    return out;
  }

  private List<Stmt> braceBlock() {
    expect("{");
    List<Stmt> body = block(false);
    expect("}");
    return body;
  }

  private Stmt statement() {
    Token t = peek();
    Loc start = t.loc();
    if (t.kind() == Kind.HINT) {
      next();
      HintText h = hintText(t.text());
      return new SHint(h.code, h.prefixNewlines, start);
    }
    if (t.kind() == Kind.DIRECTIVE) {
      next();
      List<String> names = new ArrayList<>();
      Loc end = start;
      while (peek().kind() == Kind.IDENT && peek().loc().startLine() == start.startLine()) {
        Token n = next();
        names.add(n.text());
        end = n.loc();
      }
      if (t.text().equals("%builtins")) {
        return new SBuiltins(names, start.to(end));
      }
      if (t.text().equals("%lang") && names.size() == 1) {
        return new SLang(names.get(0), start.to(end));
      }
      throw new CairoCompileException("Unexpected token \"" + t.text() + "\".", start);
    }
    if (t.is("@") || t.is("func") || t.is("struct") || t.is("namespace")) {
      return definition();
    }
    if (t.kind() == Kind.IDENT) {
      switch (t.text()) {
        case "from":
          return importStmt();
        case "const":
          {
            next();
            Token name = identToken();
            expect("=");
            Expr e = expr();
            expect(";");
            return new SConst(name.text(), name.loc(), e, start.to(prevLoc()));
          }
        case "let":
          return letStmt();
        case "local":
          {
            next();
            TypedId id = typedId(false);
            Expr e = accept("=") ? expr() : null;
            expect(";");
            return new SLocal(id, e, start.to(prevLoc()));
          }
        case "tempvar":
          {
            next();
            TypedId id = typedId(false);
            Expr e = accept("=") ? expr() : null;
            expect(";");
            return new STempvar(id, e, start.to(prevLoc()));
          }
        case "assert":
          {
            next();
            Expr a = expr();
            expect("=");
            Expr b = expr();
            expect(";");
            return new SAssertEq(a, b, start.to(prevLoc()));
          }
        case "static_assert":
          {
            next();
            Expr a = expr();
            expect("==");
            Expr b = expr();
            expect(";");
            return new SStaticAssert(a, b, start.to(prevLoc()));
          }
        case "return":
          {
            next();
            Expr e = expr();
            expect(";");
            Loc loc = start.to(prevLoc());
            if (e instanceof EFuncCall fc) {
              return new STailCall(fc.call(), loc);
            }
            return new SReturn(e, loc);
          }
        case "if":
          return ifStmt();
        case "using":
          {
            next();
            Token name = identToken();
            expect("=");
            CType type = type();
            expect(";");
            return new STypedef(name.text(), name.loc(), type, start.to(prevLoc()));
          }
        case "with_attr":
          {
            next();
            Token name = identToken();
            StringBuilder value = new StringBuilder();
            if (accept("(")) {
              while (peek().kind() == Kind.STRING) {
                String s = next().text();
                value.append(s, 1, s.length() - 1);
              }
              expect(")");
            }
            List<Stmt> body = braceBlock();
            return new SWithAttr(name.text(), value.toString(), body, start.to(prevLoc()));
          }
        case "with":
          {
            next();
            List<AliasedId> ids = new ArrayList<>();
            do {
              ids.add(aliasedId());
            } while (accept(","));
            List<Stmt> body = braceBlock();
            return new SWith(ids, body, start.to(prevLoc()));
          }
        case "alloc_locals":
          next();
          expect(";");
          return new SAllocLocals(start.to(prevLoc()));
        default:
          break;
      }
      if (!RESERVED.contains(t.text()) && peek(1).is(":")) {
        next();
        next();
        return new SLabel(t.text(), t.loc());
      }
    }
    // An instruction or a function call.
    return instructionOrCall();
  }

  private Stmt instructionOrCall() {
    Loc start = peek().loc();
    if (peek().kind() == Kind.IDENT && !RESERVED.contains(peek().text()) && isCallAhead()) {
      int save = pos;
      FuncCall call = funcCall();
      if (accept(";")) {
        return new SFuncCall(call, start.to(prevLoc()));
      }
      pos = save;
    }
    Instr body = instructionBody();
    boolean incAp = false;
    if (accept(",")) {
      expect("ap");
      expect("++");
      incAp = true;
    }
    // The instruction's place ends before the ';' (StarkWare's grammar puts it outside).
    Loc loc = start.to(prevLoc());
    expect(";");
    return new SInstruction(body, incAp, loc);
  }

  /** True when a dotted identifier followed by "(" or "{" starts here. */
  private boolean isCallAhead() {
    int i = pos;
    if (tokens.get(i).kind() != Kind.IDENT) {
      return false;
    }
    i++;
    while (tokens.get(i).is(".") && tokens.get(i + 1).kind() == Kind.IDENT) {
      i += 2;
    }
    return tokens.get(i).is("(") || tokens.get(i).is("{");
  }

  private Instr instructionBody() {
    Token t = peek();
    Loc start = t.loc();
    if (t.is("jmp")) {
      next();
      if (accept("rel")) {
        Expr e = expr();
        if (accept("if")) {
          Expr cond = expr();
          expect("!=");
          expectZero();
          return new IJnz(e, cond, start.to(prevLoc()));
        }
        return new IJump(e, true, start.to(prevLoc()));
      }
      if (accept("abs")) {
        Expr e = expr();
        return new IJump(e, false, start.to(prevLoc()));
      }
      Token label = dottedIdent();
      Expr cond = null;
      if (accept("if")) {
        cond = expr();
        expect("!=");
        expectZero();
      }
      return new IJumpLabel(label.text(), label.loc(), cond, start.to(prevLoc()));
    }
    if (t.is("call")) {
      return callInstr();
    }
    if (t.is("ret")) {
      next();
      return new IRet(start);
    }
    if (t.is("ap") && peek(1).is("+=")) {
      next();
      next();
      Expr e = expr();
      return new IAddAp(e, start.to(prevLoc()));
    }
    if (t.is("dw")) {
      next();
      Expr e = expr();
      return new IDw(e, start.to(prevLoc()));
    }
    Expr a = expr();
    expect("=");
    Expr b = expr();
    return new IAssertEq(a, b, start.to(prevLoc()));
  }

  private void expectZero() {
    Token z = expectKind(Kind.INT);
    if (!z.text().equals("0")) {
      throw new CairoCompileException("Invalid expression for jnz. Expected: != 0.", z.loc());
    }
  }

  private Instr callInstr() {
    Loc start = expect("call").loc();
    if (accept("rel")) {
      Expr e = expr();
      return new ICall(e, true, start.to(prevLoc()));
    }
    if (accept("abs")) {
      Expr e = expr();
      return new ICall(e, false, start.to(prevLoc()));
    }
    Token label = dottedIdent();
    return new ICallLabel(label.text(), label.loc(), false, start.to(prevLoc()));
  }

  private Stmt letStmt() {
    Loc start = expect("let").loc();
    if (at("(")) {
      Loc listStart = next().loc();
      List<TypedId> ids = new ArrayList<>();
      while (!at(")")) {
        ids.add(typedId(true));
        if (!accept(",")) {
          break;
        }
      }
      expect(")");
      Loc idsLoc = listStart.to(prevLoc());
      expect("=");
      Expr e = expr();
      expect(";");
      if (!(e instanceof EFuncCall fc)) {
        throw new CairoCompileException(
            "Unpack binding is currently only supported for function calls.", e.loc());
      }
      return new SUnpack(ids, idsLoc, fc.call(), start.to(prevLoc()));
    }
    TypedId id = typedId(false);
    expect("=");
    if (at("call")) {
      Instr call = callInstr();
      expect(";");
      return new SReturnValueRef(id, null, call, start.to(prevLoc()));
    }
    Expr e = expr();
    expect(";");
    if (e instanceof EFuncCall fc) {
      return new SReturnValueRef(id, fc.call(), null, start.to(prevLoc()));
    }
    return new SReference(id, e, start.to(prevLoc()));
  }

  private TypedId typedId(boolean allowLocal) {
    Loc start = peek().loc();
    boolean local = false;
    if (at("local")) {
      if (!allowLocal) {
        throw unexpected("identifier");
      }
      next();
      local = true;
    }
    Token name = identToken();
    CType type = null;
    if (accept(":")) {
      type = type();
    }
    return new TypedId(local, name.text(), type, start.to(prevLoc()), name.loc());
  }

  private AliasedId aliasedId() {
    Token name = identToken();
    String alias = null;
    if (accept("as")) {
      alias = identToken().text();
    }
    return new AliasedId(name.text(), alias, name.loc().to(prevLoc()));
  }

  private Stmt importStmt() {
    Loc start = expect("from").loc();
    Token path = dottedIdent();
    expect("import");
    List<AliasedId> items = new ArrayList<>();
    if (accept("(")) {
      while (!at(")")) {
        items.add(aliasedId());
        if (!accept(",")) {
          break;
        }
      }
      expect(")");
    } else {
      do {
        items.add(aliasedId());
      } while (accept(","));
    }
    return new SImport(path.text(), path.loc(), items, start.to(prevLoc()));
  }

  private Stmt ifStmt() {
    // StarkWare's compiler places an 'if' (and its jumps) at the keyword.
    Loc start = expect("if").loc();
    expect("(");
    BoolExpr cond = boolExpr();
    expect(")");
    List<Stmt> main = braceBlock();
    List<Stmt> orElse = null;
    if (accept("else")) {
      orElse = braceBlock();
    }
    return new SIf(cond, main, orElse, null, null, start);
  }

  private BoolExpr boolExpr() {
    BoolExpr res = boolAtom();
    while (accept("and")) {
      BoolEq b = boolAtom();
      res = new BoolAnd(res, b, loc(res).to(b.loc()));
    }
    return res;
  }

  private static Loc loc(BoolExpr b) {
    return b instanceof BoolEq e ? e.loc() : ((BoolAnd) b).loc();
  }

  private BoolEq boolAtom() {
    Expr a = expr();
    boolean eq;
    if (accept("==")) {
      eq = true;
    } else if (accept("!=")) {
      eq = false;
    } else {
      throw unexpected("\"==\" or \"!=\"");
    }
    Expr b = expr();
    return new BoolEq(a, b, eq, a.loc().to(b.loc()));
  }

  private Stmt definition() {
    Loc start = peek().loc();
    List<String> decorators = new ArrayList<>();
    List<Loc> decoratorLocs = new ArrayList<>();
    while (accept("@")) {
      Token d = identToken();
      decorators.add(d.text());
      decoratorLocs.add(d.loc());
    }
    if (accept("struct")) {
      Token name = identToken();
      expect("{");
      List<TypedId> members = new ArrayList<>();
      while (!at("}")) {
        members.add(typedId(false));
        expect(",");
      }
      expect("}");
      return new SStruct(name.text(), name.loc(), members, start.to(prevLoc()));
    }
    if (accept("namespace")) {
      Token name = identToken();
      List<Stmt> body = braceBlock();
      return new SFunction(
          true,
          name.text(),
          name.loc(),
          decorators,
          decoratorLocs,
          List.of(),
          false,
          List.of(),
          null,
          null,
          body,
          start.to(prevLoc()));
    }
    expect("func");
    Token name = identToken();
    List<TypedId> implicitArgs = new ArrayList<>();
    boolean hasImplicit = false;
    if (accept("{")) {
      hasImplicit = true;
      while (!at("}")) {
        implicitArgs.add(typedId(false));
        if (!accept(",")) {
          break;
        }
      }
      expect("}");
    }
    Loc argsStart = expect("(").loc();
    List<TypedId> args = new ArrayList<>();
    while (!at(")")) {
      args.add(typedId(false));
      if (!accept(",")) {
        break;
      }
    }
    expect(")");
    Loc argsLoc = argsStart.to(prevLoc());
    CType returns = null;
    if (accept("->")) {
      returns = type();
    }
    List<Stmt> body = braceBlock();
    return new SFunction(
        false,
        name.text(),
        name.loc(),
        decorators,
        decoratorLocs,
        implicitArgs,
        hasImplicit,
        args,
        argsLoc,
        returns,
        body,
        start.to(prevLoc()));
  }

  // ------------------------------------------------------------------ types

  CType type() {
    CType base;
    if (accept("felt")) {
      base = new TFelt();
    } else if (accept("codeoffset")) {
      base = new TCodeoffset();
    } else if (accept("(")) {
      List<TItem> items = new ArrayList<>();
      while (!at(")")) {
        if (peek().kind() == Kind.IDENT && !RESERVED.contains(peek().text()) && peek(1).is(":")) {
          String name = next().text();
          next();
          items.add(new TItem(name, type()));
        } else {
          items.add(new TItem(null, type()));
        }
        if (!accept(",")) {
          break;
        }
      }
      expect(")");
      base = new TTuple(List.copyOf(items));
    } else {
      base = new TIdent(dottedIdent().text());
    }
    while (true) {
      if (accept("*")) {
        base = new TPointer(base);
      } else if (accept("**")) {
        base = new TPointer(new TPointer(base));
      } else {
        return base;
      }
    }
  }

  // ------------------------------------------------------------------ expressions

  Expr expr() {
    Expr a = product();
    while (at("+") || at("-")) {
      String op = next().text();
      Expr b = product();
      a = new EOp(a, op, b, a.loc().to(b.loc()));
    }
    return a;
  }

  private Expr product() {
    Expr a = unary();
    while (at("*") || at("/")) {
      String op = next().text();
      Expr b = unary();
      a = new EOp(a, op, b, a.loc().to(b.loc()));
    }
    return a;
  }

  private Expr unary() {
    Loc start = peek().loc();
    if (accept("&")) {
      Expr e = unary();
      return new EAddrOf(e, start.to(e.loc()));
    }
    if (accept("-")) {
      Expr e = unary();
      return new ENeg(e, start.to(e.loc()));
    }
    if (accept("new")) {
      Expr e = unary();
      return new ENew(e, true, start.to(e.loc()));
    }
    return pow();
  }

  private Expr pow() {
    Expr a = atom();
    if (accept("**")) {
      Expr b = pow();
      return new EPow(a, b, a.loc().to(b.loc()));
    }
    return a;
  }

  private Expr atom() {
    Expr e = primary();
    while (true) {
      if (at("[")) {
        next();
        Expr off = expr();
        expect("]");
        e = new ESubscript(e, off, e.loc().to(prevLoc()));
      } else if (at(".") && peek(1).kind() == Kind.IDENT) {
        next();
        Token m = identToken();
        e = new EDot(e, m.text(), e.loc().to(m.loc()));
      } else {
        return e;
      }
    }
  }

  private Expr primary() {
    Token t = peek();
    Loc start = t.loc();
    switch (t.kind()) {
      case INT:
        next();
        return new EConst(new BigInteger(t.text()), start);
      case HEX:
        next();
        return new EConst(new BigInteger(t.text().substring(2), 16), start);
      case SHORT_STRING:
        {
          next();
          String text = t.text().substring(1, t.text().length() - 1);
          if (text.length() > 31) {
            throw new CairoCompileException(
                "Short string (e.g., 'abc') length must be at most 31.", start);
          }
          byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
          return new EConst(bytes.length == 0 ? BigInteger.ZERO : new BigInteger(1, bytes), start);
        }
      case IDENT:
        break;
      default:
        if (t.is("[")) {
          next();
          Expr inner = expr();
          expect("]");
          return new EDeref(inner, start.to(prevLoc()));
        }
        if (t.is("(")) {
          next();
          ArgListResult list = argList(")");
          Loc loc = start.to(prevLoc());
          if (!list.trailingComma && list.args.size() == 1 && list.args.get(0).name() == null) {
            return new EParen(list.args.get(0).expr(), loc);
          }
          return new ETuple(list.args, list.trailingComma, loc);
        }
        throw unexpected("expression");
    }
    switch (t.text()) {
      case "ap":
        next();
        return new EReg(true, start);
      case "fp":
        next();
        return new EReg(false, start);
      case "nondet":
        {
          next();
          Token h = expectKind(Kind.HINT);
          HintText ht = hintText(h.text());
          return new EHint(ht.code, ht.prefixNewlines, start.to(h.loc()));
        }
      case "cast":
        {
          next();
          expect("(");
          Expr inner = expr();
          expect(",");
          CType type = type();
          accept(",");
          expect(")");
          return new ECast(inner, type, CastKind.EXPLICIT, start.to(prevLoc()));
        }
      default:
        break;
    }
    if (isCallAhead()) {
      FuncCall call = funcCall();
      return new EFuncCall(call, call.loc());
    }
    Token id = dottedIdent();
    return new EIdent(id.text(), id.loc());
  }

  private FuncCall funcCall() {
    Token name = dottedIdent();
    List<Arg> implicitArgs = null;
    if (accept("{")) {
      implicitArgs = argList("}").args;
    }
    expect("(");
    List<Arg> args = argList(")").args;
    return new FuncCall(name.text(), name.loc(), implicitArgs, args, name.loc().to(prevLoc()));
  }

  private record ArgListResult(List<Arg> args, boolean trailingComma) {}

  /** Parses arguments up to and including {@code close}. */
  private ArgListResult argList(String close) {
    List<Arg> args = new ArrayList<>();
    boolean trailing = false;
    while (!at(close)) {
      trailing = false;
      Loc start = peek().loc();
      if (peek().kind() == Kind.IDENT
          && !RESERVED.contains(peek().text())
          && peek(1).is("=")
          && !peek(2).is("=")) {
        Token name = next();
        next();
        Expr e = expr();
        args.add(new Arg(name.text(), name.loc(), e, start.to(e.loc())));
      } else {
        Expr e = expr();
        args.add(new Arg(null, null, e, e.loc()));
      }
      if (!accept(",")) {
        break;
      }
      trailing = true;
    }
    expect(close);
    return new ArgListResult(args, trailing);
  }

  // ------------------------------------------------------------------ hints

  private record HintText(String code, int prefixNewlines) {}

  private static final Pattern HINT =
      Pattern.compile("%\\{((?:[ \\t]*\\n)*)(.*?)%\\}", Pattern.DOTALL);

  private static HintText hintText(String raw) {
    Matcher m = HINT.matcher(raw);
    if (!m.matches()) {
      throw new IllegalStateException("bad hint token");
    }
    String code = m.group(2).stripTrailing();
    String[] lines = code.split("\n", -1);
    int common = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isEmpty()) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
          indent++;
        }
        common = Math.min(common, indent);
      }
    }
    if (common == Integer.MAX_VALUE) {
      common = 0;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(lines[i].length() >= common ? lines[i].substring(common) : lines[i]);
    }
    int newlines = (int) m.group(1).chars().filter(c -> c == '\n').count();
    return new HintText(sb.toString(), newlines);
  }
}
