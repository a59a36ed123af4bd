package dev.hdp.cairo.compiler;

/**
 * A source range: 1-based lines and columns, the end column exclusive, as StarkWare reports them.
 *
 * @param file the file name as given to the compiler
 * @param source the file's whole text (to show the offending line in errors)
 * @param parent where this code was expanded (a reference's use, a call), or null
 * @param parentMessage what the expansion was
 */
public record Loc(
    String file,
    String source,
    int startLine,
    int startCol,
    int endLine,
    int endCol,
    Loc parent,
    String parentMessage) {

  public Loc(String file, String source, int startLine, int startCol, int endLine, int endCol) {
    this(file, source, startLine, startCol, endLine, endCol, null, null);
  }

  /**
   * This range as seen from {@code newParent} (code expanded there): the parent is attached at the
   * top of the existing chain, as StarkWare's compiler does.
   */
  public Loc withParent(Loc newParent, String message) {
    if (parent == null) {
      return new Loc(file, source, startLine, startCol, endLine, endCol, newParent, message);
    }
    return new Loc(
        file,
        source,
        startLine,
        startCol,
        endLine,
        endCol,
        parent.withParent(newParent, message),
        parentMessage);
  }

  /** A range from the start of this one to the end of {@code end}. */
  public Loc to(Loc end) {
    if (end == null) {
      return this;
    }
    return new Loc(file, source, startLine, startCol, end.endLine, end.endCol);
  }

  /** "file:line:col" followed by the source line and a caret under the range. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(file).append(':').append(startLine).append(':').append(startCol);
    String[] lines = source.split("\n", -1);
    if (startLine >= 1 && startLine <= lines.length) {
      String line = lines[startLine - 1];
      sb.append('\n').append(line).append('\n');
      sb.append(" ".repeat(Math.max(0, startCol - 1)));
      int width = endLine == startLine ? endCol - startCol : line.length() - startCol + 1;
      if (width <= 1) {
        sb.append('^');
      } else {
        sb.append('^').append("*".repeat(width - 2)).append('^');
      }
    }
    return sb.toString();
  }
}
