package dev.hdp.cairo.program;

/** Where the instruction at a pc came from in the source (for error messages). */
public record InstructionLocation(
    String inputFile, int startLine, int startCol, int endLine, int endCol) {
  @Override
  public String toString() {
    return inputFile + ":" + startLine + ":" + startCol;
  }
}
