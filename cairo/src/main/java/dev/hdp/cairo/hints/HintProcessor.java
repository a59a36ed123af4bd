package dev.hdp.cairo.hints;

import dev.hdp.cairo.program.ApTracking;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.HintSpec;
import dev.hdp.cairo.program.Identifier;
import dev.hdp.cairo.program.ReferenceSpec;
import dev.hdp.cairo.vm.VmException;
import dev.hdp.cairo.vm.VmHint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches hints by their exact code to Java implementations and compiles a program's hints for the
 * VM. An unknown hint compiles to one that fails, quoting its code, when (and only if) it is
 * reached.
 */
public final class HintProcessor {
  private final Map<String, Hint> byCode = new HashMap<>();

  /** A processor with StarkWare's common-library hints. */
  public static HintProcessor withCommonLibrary() {
    HintProcessor p = new HintProcessor();
    CommonHints.registerAll(p);
    DictHints.registerAll(p);
    KeccakHints.registerAll(p);
    ExampleProgramHints.registerAll(p);
    BootloaderHints.registerAll(p);
    SimpleBootloaderHints.registerAll(p);
    ApplicativeBootloaderHints.registerAll(p);
    return p;
  }

  /** Registers (or replaces) the implementation of a hint code. */
  public HintProcessor register(String code, Hint implementation) {
    byCode.put(code, implementation);
    return this;
  }

  /** Whether a hint code has an implementation. */
  public boolean supports(String code) {
    return byCode.containsKey(code);
  }

  /** A reference resolved for a hint: its parsed expression, ap tracking and type. */
  record ResolvedReference(ReferenceExpression expression, ApTracking apTracking, String type) {}

  /** A hint ready to run, with the program it belongs to (a bootloader's task has its own). */
  record CompiledHint(
      HintSpec spec,
      Hint implementation,
      Map<String, ResolvedReference> references,
      CompiledProgram program,
      HintProcessor processor) {}

  /** Compiles one hint of {@code program}. */
  public VmHint compile(HintSpec spec, CompiledProgram program, HintEnvironment env, int pc) {
    Hint impl = byCode.get(spec.code());
    if (impl == null) {
      return vm -> {
        throw new HintException("unknown hint at pc " + pc + ":\n" + spec.code());
      };
    }
    CompiledHint compiled =
        new CompiledHint(spec, impl, resolveReferences(spec, program), program, this);
    return vm -> {
      try {
        impl.execute(new HintContext(vm, env, compiled));
      } catch (VmException
          | ArithmeticException
          | IllegalArgumentException
          | IllegalStateException
          | ClassCastException
          | NullPointerException e) {
        throw new HintException(
            "hint at pc " + pc + " failed: " + e.getMessage() + "\n" + spec.code(), e);
      }
    };
  }

  private static Map<String, ResolvedReference> resolveReferences(
      HintSpec spec, CompiledProgram program) {
    Map<String, ResolvedReference> out = new HashMap<>();
    Map<String, Integer> depth = new HashMap<>();
    List<String> scopes = spec.accessibleScopes();
    for (var entry : spec.flowTracking().referenceIds().entrySet()) {
      String full = entry.getKey();
      int dot = full.lastIndexOf('.');
      String shortName = full.substring(dot + 1);
      String prefix = dot < 0 ? "" : full.substring(0, dot);
      int d = scopes.indexOf(prefix);
      if (out.containsKey(shortName) && depth.get(shortName) >= d) {
        continue;
      }
      ReferenceSpec ref = program.references().get(entry.getValue());
      ReferenceExpression expr;
      try {
        expr = ReferenceExpression.parse(ref.value());
      } catch (HintException e) {
        expr = new ReferenceExpression.Unsupported(ref.value(), e.getMessage());
      }
      String type = typeOf(expr, program, full);
      out.put(shortName, new ResolvedReference(expr, ref.apTracking(), type));
      depth.put(shortName, d);
    }
    return out;
  }

  private static String typeOf(ReferenceExpression expr, CompiledProgram program, String fullName) {
    if (expr instanceof ReferenceExpression.Deref d
        && d.address() instanceof ReferenceExpression.Cast c
        && c.type().endsWith("*")) {
      return c.type().substring(0, c.type().length() - 1).trim();
    }
    if (expr instanceof ReferenceExpression.Cast c) {
      return c.type();
    }
    if (program.identifiers().get(fullName) instanceof Identifier.Reference r) {
      return r.cairoType();
    }
    return "felt";
  }

  /** Compiles every hint of the program, indexed by pc. */
  public VmHint[][] compileAll(CompiledProgram program, HintEnvironment env) {
    VmHint[][] byPc = new VmHint[program.data().size()][];
    program
        .hints()
        .forEach(
            (pc, specs) -> {
              VmHint[] compiled = new VmHint[specs.size()];
              for (int i = 0; i < specs.size(); i++) {
                compiled[i] = compile(specs.get(i), program, env, pc);
              }
              byPc[pc] = compiled;
            });
    return byPc;
  }
}
