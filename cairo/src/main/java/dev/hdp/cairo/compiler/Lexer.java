package dev.hdp.cairo.compiler;

import java.util.ArrayList;
import java.util.List;

/** Splits Cairo 0 source into tokens; comments and whitespace (newlines included) are dropped. */
final class Lexer {
  enum Kind {
    IDENT,
    INT,
    HEX,
    STRING,
    SHORT_STRING,
    HINT,
    PUNCT,
    DIRECTIVE,
    EOF
  }

  record Token(Kind kind, String text, Loc loc) {
    boolean is(String punct) {
      return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(punct);
    }
  }

  private static final String[] PUNCTS = {
    "**", "==", "!=", "->", "+=", "++", "(", ")", "[", "]", "{", "}", ",", ";", ":", ".", "=", "+",
    "-", "*", "/", "&", "@"
  };

  private final String file;
  private final String src;
  private int pos;
  private int line = 1;
  private int col = 1;

  Lexer(String file, String src) {
    this.file = file;
    this.src = src;
  }

  List<Token> tokenize() {
    List<Token> out = new ArrayList<>();
    while (true) {
      skipSpace();
      if (pos >= src.length()) {
        out.add(new Token(Kind.EOF, "", new Loc(file, src, line, col, line, col)));
        return out;
      }
      int startLine = line;
      int startCol = col;
      char c = src.charAt(pos);
      Kind kind;
      int end;
      if (c == '%' && src.startsWith("%{", pos)) {
        int close = src.indexOf("%}", pos + 2);
        if (close < 0) {
          throw error("Unexpected character \"%\".", startLine, startCol);
        }
        end = close + 2;
        kind = Kind.HINT;
      } else if (c == '%') {
        end = pos + 1;
        while (end < src.length() && isIdentPart(src.charAt(end))) {
          end++;
        }
        kind = Kind.DIRECTIVE;
      } else if (Character.isDigit(c)) {
        if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
          end = pos + 2;
          while (end < src.length() && Character.digit(src.charAt(end), 16) >= 0) {
            end++;
          }
          kind = Kind.HEX;
        } else {
          end = pos;
          while (end < src.length() && Character.isDigit(src.charAt(end))) {
            end++;
          }
          kind = Kind.INT;
        }
      } else if (isIdentStart(c)) {
        end = pos;
        while (end < src.length() && isIdentPart(src.charAt(end))) {
          end++;
        }
        kind = Kind.IDENT;
      } else if (c == '"' || c == '\'') {
        int close = src.indexOf(c, pos + 1);
        int nl = src.indexOf('\n', pos + 1);
        if (close < 0 || (nl >= 0 && nl < close)) {
          throw error("Unexpected character \"" + c + "\".", startLine, startCol);
        }
        end = close + 1;
        kind = c == '"' ? Kind.STRING : Kind.SHORT_STRING;
      } else {
        String found = null;
        for (String p : PUNCTS) {
          if (src.startsWith(p, pos)) {
            found = p;
            break;
          }
        }
        if (found == null) {
          throw error("Unexpected character \"" + c + "\".", startLine, startCol);
        }
        end = pos + found.length();
        kind = Kind.PUNCT;
      }
      String text = src.substring(pos, end);
      advanceTo(end);
      out.add(new Token(kind, text, new Loc(file, src, startLine, startCol, line, col)));
    }
  }

  private CairoCompileException error(String message, int l, int c) {
    return new CairoCompileException(message, new Loc(file, src, l, c, l, c + 1));
  }

  private void skipSpace() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        advanceTo(pos + 1);
      } else if (c == '/' && src.startsWith("//", pos)) {
        int nl = src.indexOf('\n', pos);
        advanceTo(nl < 0 ? src.length() : nl);
      } else {
        return;
      }
    }
  }

  private void advanceTo(int end) {
    while (pos < end) {
      if (src.charAt(pos) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
      pos++;
    }
  }

  private static boolean isIdentStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }
}
