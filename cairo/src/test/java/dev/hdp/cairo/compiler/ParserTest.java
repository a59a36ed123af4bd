package dev.hdp.cairo.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.cairo.compiler.Ast.*;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParserTest {
  @TempDir Path dir;

  @Test
  void parsesEverySourceFileOfEveryOracle() throws IOException {
    int files = 0;
    for (String oracle : OracleSources.ORACLES) {
      Path root = dir.resolve(oracle);
      OracleSources.extract(oracle, root);
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.filter(f -> f.toString().endsWith(".cairo")).toList()) {
          List<Stmt> stmts = Parser.parseFile(p.toString(), Files.readString(p));
          assertFalse(stmts.isEmpty(), p.toString());
          files++;
        }
      }
    }
    assertTrue(files > 100, "parsed " + files);
  }

  @Test
  void dedentsHintsLikeStarkWare() {
    List<Stmt> stmts =
        Parser.parseFile(
            "t.cairo", "func f() {\n    %{\n        a = 1\n          b\n    %}\n    ret;\n}\n");
    SFunction f = assertInstanceOf(SFunction.class, stmts.get(0));
    SHint h = assertInstanceOf(SHint.class, f.body().get(0));
    assertEquals("a = 1\n  b", h.code());
    assertEquals(1, h.prefixNewlines());
  }

  @Test
  void reportsSyntaxErrorsWithLineColumnAndCaret() {
    CairoCompileException e =
        assertThrows(
            CairoCompileException.class,
            () -> Parser.parseFile("bad.cairo", "func f() {\n    let x = ;\n}\n"));
    assertEquals(2, e.loc().startLine());
    assertEquals(13, e.loc().startCol());
    assertTrue(
        e.getMessage().startsWith("bad.cairo:2:13: Unexpected token Token('SEMICOLON', ';')"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("    let x = ;\n            ^"), e.getMessage());
  }
}
