package dev.hdp.cairo.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Programs the compiler must reject, each with StarkWare's message and the place it points at. */
class CompileErrorTest {

  static Stream<Arguments> badPrograms() {
    return Stream.of(
        Arguments.of(
            "unknown identifier",
            "func main() {\n    tempvar x = y;\n    ret;\n}\n",
            "Unknown identifier 'y'.",
            2,
            17),
        Arguments.of(
            "reference revoked by a call of unknown ap change",
            "func main() {\n    let x = [ap - 1];\n    foo();\n    [x] = 1;\n    ret;\n}\n"
                + "func foo() {\n    ret;\n}\n",
            "Reference 'x' was revoked.",
            4,
            6),
        Arguments.of(
            "function without return",
            "func main() {\n    [ap] = 1, ap++;\n}\n",
            "Function must end with a return instruction or a jump.",
            1,
            6),
        Arguments.of(
            "wrong number of arguments",
            "func foo(x) {\n    ret;\n}\nfunc main() {\n    foo(1, 2);\n    ret;\n}\n",
            "Expected exactly 1 expressions, got 2.",
            5,
            5),
        Arguments.of(
            "named argument mismatch",
            "func foo(x) {\n    ret;\n}\nfunc main() {\n    foo(y=1);\n    ret;\n}\n",
            "Expected named argument: 'x', found: 'y'.",
            5,
            9),
        Arguments.of(
            "local variable without alloc_locals",
            "func main() {\n    local x = 5;\n    ret;\n}\n",
            "A function with local variables must use alloc_locals.",
            2,
            5),
        Arguments.of(
            "alloc_locals after an ap change",
            "func main() {\n    [ap] = 1, ap++;\n    alloc_locals;\n    ret;\n}\n",
            "alloc_locals must be used before any instruction that changes the ap register.",
            3,
            5),
        Arguments.of(
            "unsupported decorator",
            "@external\nfunc main() {\n    ret;\n}\n",
            "Unsupported decorator: 'external'.",
            1,
            2),
        Arguments.of(
            "redefinition",
            "const X = 1;\nconst X = 2;\nfunc main() {\n    ret;\n}\n",
            "Redefinition of '__main__.X'.",
            2,
            7),
        Arguments.of(
            "division by zero in a constant",
            "const X = 1 / 0;\nfunc main() {\n    ret;\n}\n",
            "Division by zero.",
            1,
            15),
        Arguments.of(
            "calling a constant",
            "const X = 1;\nfunc main() {\n    X();\n    ret;\n}\n",
            "Expected X to be a function name. Found: const.",
            3,
            5),
        Arguments.of(
            "hint at the end of a block",
            "func main() {\n    ret;\n    %{ x = 1 %}\n}\n",
            "Found a hint at the end of a code block. Hints must be followed by an instruction.",
            3,
            5),
        Arguments.of(
            "member that does not exist",
            "struct S {\n    a: felt,\n}\nfunc main(p: S*) {\n    [ap] = p.b, ap++;\n    ret;\n}\n",
            "Member 'b' does not appear in definition of struct '__main__.S'.",
            5,
            12),
        Arguments.of(
            "dw of a non-constant",
            "func main() {\n    dw [ap];\n    ret;\n}\n",
            "dw must be followed by a constant expression.",
            2,
            8),
        Arguments.of(
            "syntax error",
            "func main() {\n    let x = ;\n    ret;\n}\n",
            "Unexpected token Token('SEMICOLON', ';'). Expected: expression.",
            2,
            13),
        Arguments.of(
            "missing module",
            "from a.b import c\nfunc main() {\n    ret;\n}\n",
            "Could not find module 'a.b'.",
            1,
            6),
        Arguments.of(
            "implicit argument not in scope",
            "func foo{range_check_ptr}() {\n    ret;\n}\nfunc main() {\n    foo();\n    ret;\n}\n",
            "Unknown identifier 'range_check_ptr'.",
            1,
            10),
        Arguments.of(
            "hint in a reference",
            "func main() {\n    let x = nondet %{ 1 %};\n    ret;\n}\n",
            "The use of hints in reference expressions is not allowed.",
            2,
            13),
        Arguments.of(
            "call of unknown ap change inside an expression",
            "func f(n) -> felt {\n    if (n == 0) {\n        return 0;\n    }\n"
                + "    return f(n - 1);\n}\nfunc main() {\n    tempvar x = f(3) + 1;\n    ret;\n}\n",
            "Only functions with known ap change may be used in an expression.",
            8,
            17),
        Arguments.of(
            "implicit return value without with",
            "func f{p}() {\n    return ();\n}\nfunc main() {\n    let p = 5;\n    f();\n    ret;\n}\n",
            "'p' cannot be used as an implicit return value. Consider using a 'with' statement.",
            1,
            8),
        Arguments.of(
            "non-constant constant",
            "const X = [ap];\nfunc main() {\n    ret;\n}\n",
            "Expected a constant expression.",
            1,
            11),
        Arguments.of(
            "nested function",
            "func main() {\n    func g() {\n        ret;\n    }\n    ret;\n}\n",
            "Nested functions are not supported.",
            2,
            10),
        Arguments.of(
            "directive after code",
            "func main() {\n    ret;\n}\n%builtins output\n",
            "Directives must appear at the top of the file.",
            4,
            1),
        Arguments.of(
            "pointer multiplication",
            "func main(p: felt*) {\n    tempvar x = p * 2;\n    ret;\n}\n",
            "Operator '*' is not implemented for types 'felt*' and 'felt'.",
            2,
            17),
        Arguments.of(
            "tail call with different implicit arguments",
            "func f{p}() {\n    return ();\n}\nfunc main{p, q}() {\n    return f();\n}\n",
            "Tail calls require the implicit arguments of the callee to match the caller.",
            5,
            5),
        Arguments.of(
            "static assert",
            "func main() {\n    static_assert 1 == 2;\n    ret;\n}\n",
            "Static assert failed: 1 != 2.",
            2,
            5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPrograms")
  void rejectsAtTheRightPlace(String what, String source, String message, int line, int col) {
    CairoCompileException e =
        assertThrows(
            CairoCompileException.class,
            () ->
                new CairoCompiler(List.of(Path.of("/nonexistent")), false)
                    .compile(source, "bad.cairo"));
    assertTrue(e.bareMessage().startsWith(message), e.getMessage());
    assertEquals(line, e.loc().startLine(), e.getMessage());
    assertEquals(col, e.loc().startCol(), e.getMessage());
    String[] lines = e.getMessage().split("\n");
    String sourceLine = source.split("\n")[line - 1];
    int at = List.of(lines).lastIndexOf(sourceLine);
    assertTrue(at > 0, e.getMessage());
    assertTrue(
        e.getMessage().contains("bad.cairo:" + line + ":" + col + ": " + message.split("\n")[0]),
        e.getMessage());
    assertEquals(col - 1, lines[at + 1].indexOf('^'), e.getMessage());
  }
}
