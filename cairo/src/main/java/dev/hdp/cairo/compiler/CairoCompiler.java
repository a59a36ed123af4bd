package dev.hdp.cairo.compiler;

import dev.hdp.cairo.compiler.Ast.SImport;
import dev.hdp.cairo.compiler.Ast.Stmt;
import dev.hdp.cairo.compiler.Preprocessor.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a Cairo 0 program: the main file, the modules it imports (found on the search paths as
 * {@code a/b/c.cairo} for {@code a.b.c}), and in proof mode the {@code __start__}/{@code __end__}
 * prelude.
 */
public final class CairoCompiler {
  /** The module StarkWare's compiler always loads (get_ap, get_fp_and_pc). */
  static final String REGISTERS_MODULE = "starkware.cairo.lang.compiler.lib.registers";

  static final String START_CODE =
      "__start__:\n"
          + "ap += main.Args.SIZE + main.ImplicitArgs.SIZE;\n"
          + "call main;\n"
          + "\n"
          + "__end__:\n"
          + "jmp rel 0;\n";

  /**
   * Used when no search path holds the registers module: the two functions the compiler itself
   * relies on ({@code new} calls get_ap), written for this project.
   */
  private static final String REGISTERS_SOURCE =
      "// get_fp_and_pc() and get_ap(), which the compiler's own code relies on.\n"
          + "func get_fp_and_pc() -> (fp_val: felt*, pc_val: felt*) {\n"
          + "    return (fp_val=cast([ap - 2], felt*), pc_val=cast([ap - 1], felt*));\n"
          + "}\n"
          + "\n"
          + "@known_ap_change\n"
          + "func get_ap() -> (ap_val: felt*) {\n"
          + "    let (fp_val, pc_val) = get_fp_and_pc();\n"
          + "    return (ap_val=fp_val - 2);\n"
          + "}\n";

  private final List<Path> searchPaths;
  private final boolean proofMode;
  private final Map<String, String> fileContents = new LinkedHashMap<>();

  /**
   * @param searchPaths the {@code --cairo-path} folders, searched in order
   * @param proofMode whether to add the {@code __start__}/{@code __end__} prelude
   */
  public CairoCompiler(List<Path> searchPaths, boolean proofMode) {
    // Like cairo-compile: absolute paths, folders only.
    this.searchPaths =
        searchPaths.stream()
            .map(p -> p.toAbsolutePath().normalize())
            .filter(Files::isDirectory)
            .toList();
    this.proofMode = proofMode;
  }

  /** Compiles the program whose main file is {@code mainFile}. */
  public CompilerOutput compile(Path mainFile) {
    String code;
    try {
      code = Files.readString(mainFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return compile(code, mainFile.toString());
  }

  /** Compiles the given main-file source. */
  public CompilerOutput compile(String mainCode, String mainFileName) {
    List<Module> modules = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    if (proofMode) {
      collect("<start>", START_CODE, "<start>", modules, visited, true);
    }
    collectModule(REGISTERS_MODULE, modules, visited);
    collect(mainFileName, mainCode, mainFileName, modules, visited, true);
    Preprocessor pre = new Preprocessor("__main__");
    pre.run(modules);
    return CompilerOutput.of(pre, fileContents);
  }

  private void collect(
      String key,
      String code,
      String fileName,
      List<Module> modules,
      Set<String> visited,
      boolean main) {
    Map<String, List<Stmt>> collected = new LinkedHashMap<>();
    ImportsCollector ic = new ImportsCollector(collected);
    ic.mainKey = key;
    ic.mainCode = code;
    ic.mainFile = fileName;
    ic.collect(key, null);
    for (Map.Entry<String, List<Stmt>> e : collected.entrySet()) {
      if (e.getKey().equals(key) && main) {
        modules.add(new Module("__main__", e.getValue()));
      } else {
        if (!visited.add(e.getKey())) {
          continue;
        }
        modules.add(new Module(e.getKey(), e.getValue()));
      }
    }
  }

  private void collectModule(String name, List<Module> modules, Set<String> visited) {
    Map<String, List<Stmt>> collected = new LinkedHashMap<>();
    new ImportsCollector(collected).collect(name, null);
    for (Map.Entry<String, List<Stmt>> e : collected.entrySet()) {
      if (visited.add(e.getKey())) {
        modules.add(new Module(e.getKey(), e.getValue()));
      }
    }
  }

  /** Depth-first import collection; dependencies come before the modules that import them. */
  private final class ImportsCollector {
    private final Map<String, List<Stmt>> collected;
    private final List<String> ancestors = new ArrayList<>();
    private final Map<String, List<Stmt>> parsedCache = new HashMap<>();
    String mainKey;
    String mainCode;
    String mainFile;

    ImportsCollector(Map<String, List<Stmt>> collected) {
      this.collected = collected;
    }

    void collect(String name, Loc loc) {
      if (ancestors.contains(name)) {
        List<String> cycle = new ArrayList<>(ancestors);
        cycle.add(name);
        StringBuilder sb = new StringBuilder("Found circular imports dependency:\n");
        for (int i = 0; i < cycle.size() - 1; i++) {
          sb.append(cycle.get(i)).append(" imports\n");
        }
        sb.append(cycle.get(cycle.size() - 1));
        throw new CairoCompileException(sb.toString(), loc);
      }
      if (collected.containsKey(name)) {
        return;
      }
      String code;
      String fileName;
      if (name.equals(mainKey)) {
        code = mainCode;
        fileName = mainFile;
      } else {
        String[] found = readModule(name, loc);
        code = found[0];
        fileName = found[1];
      }
      List<Stmt> parsed = parsedCache.computeIfAbsent(name, k -> Parser.parseFile(fileName, code));
      fileContents.putIfAbsent(fileName, code);
      ancestors.add(name);
      for (Stmt s : parsed) {
        if (s instanceof SImport imp) {
          collect(imp.path(), imp.pathLoc());
        }
      }
      ancestors.remove(ancestors.size() - 1);
      collected.put(name, parsed);
    }
  }

  private String[] readModule(String name, Loc loc) {
    String relative = name.replace('.', '/') + ".cairo";
    for (Path dir : searchPaths) {
      Path p = dir.resolve(relative);
      if (Files.isRegularFile(p)) {
        try {
          return new String[] {Files.readString(p), p.toString()};
        } catch (IOException e) {
          throw new CairoCompileException(
              "Could not load module '" + name + "'.\nError: " + e.getMessage(), loc);
        }
      }
    }
    if (name.equals(REGISTERS_MODULE)) {
      return new String[] {REGISTERS_SOURCE, relative};
    }
    StringBuilder sb =
        new StringBuilder("Could not find module '" + name + "'. Searched in the following paths:");
    for (Path dir : searchPaths) {
      sb.append('\n').append(dir.resolve(relative));
    }
    throw new CairoCompileException(sb.toString(), loc);
  }
}
