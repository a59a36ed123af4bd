package dev.hdp.watcher.cli;

import dev.hdp.cairo.compiler.CairoCompileException;
import dev.hdp.cairo.compiler.CairoCompiler;
import dev.hdp.cairo.compiler.CompilerOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hdp cairo compile [--cairo-path DIR]... FILE --output OUT [--proof-mode]}: compiles a
 * Cairo 0 program to the {@code cairo-compile} JSON format.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = "Compiles a Cairo 0 program to the cairo-compile JSON format.")
public final class CairoCompileCommand implements Callable<Integer> {
  @Option(
      names = "--cairo-path",
      paramLabel = "DIR",
      description =
          "Folders to search imports in (a.b.c is DIR/a/b/c.cairo); repeatable or ':'-separated."
              + " CAIRO_PATH is searched next, then the working directory.")
  List<Path> cairoPath = new ArrayList<>();

  @Parameters(index = "0", paramLabel = "FILE", description = "The main .cairo file.")
  Path file;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "OUT",
      description = "Where to write the compiled program.")
  Path output;

  @Option(
      names = "--proof-mode",
      description = "Add the __start__/__end__ prelude (cairo-compile --proof_mode).")
  boolean proofMode;

  @Override
  public Integer call() throws IOException {
    // Like cairo-compile: the given paths, then CAIRO_PATH, then the working directory.
    List<Path> paths = new ArrayList<>();
    for (Path p : cairoPath) {
      for (String part : p.toString().split(":")) {
        if (!part.isEmpty()) {
          paths.add(Path.of(part));
        }
      }
    }
    String env = System.getenv("CAIRO_PATH");
    if (env != null) {
      for (String part : env.split(":")) {
        if (!part.isEmpty()) {
          paths.add(Path.of(part));
        }
      }
    }
    paths.add(Path.of("").toAbsolutePath());
    CompilerOutput program;
    try {
      program = new CairoCompiler(paths, proofMode).compile(file);
    } catch (CairoCompileException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    Files.writeString(output, program.toJsonString());
    return 0;
  }
}
