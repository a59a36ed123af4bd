package dev.hdp.watcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.builtins.Layout;
import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.cairo.hints.SimpleBootloaderHints;
import dev.hdp.cairo.pie.CairoPie;
import dev.hdp.cairo.pie.Fact;
import dev.hdp.cairo.pie.PieFormatException;
import dev.hdp.cairo.pie.PieRerun;
import dev.hdp.cairo.program.CompiledProgram;
import dev.hdp.cairo.program.ProgramFormatException;
import dev.hdp.cairo.program.ProgramHash;
import dev.hdp.cairo.program.ProgramLoader;
import dev.hdp.cairo.runner.CairoRunner;
import dev.hdp.cairo.runner.ExecutionResources;
import dev.hdp.cairo.runner.RunOptions;
import dev.hdp.cairo.vm.VmException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hdp cairo run|hash|fact}: the Cairo VM, program hash and PIE fact from the command line.
 */
@Command(
    name = "cairo",
    mixinStandardHelpOptions = true,
    description = "Run Cairo 0 programs, hash them, and compute the fact of a Cairo PIE.",
    subcommands = {
      CairoCommand.Run.class,
      CairoCompileCommand.class,
      CairoCommand.Hash.class,
      CairoCommand.FactOf.class
    })
public final class CairoCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static String hex(BigInteger v) {
    return "0x" + v.toString(16);
  }

  /** Runs a compiled program. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Run a compiled Cairo 0 program.")
  static final class Run implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--program",
        required = true,
        description = "The compiled program (cairo-compile JSON).")
    Path program;

    @Option(
        names = "--program-input",
        description =
            "JSON that hints see as program_input (a bootloader's relative task paths"
                + " resolve against its folder).")
    Path programInput;

    @Option(
        names = "--layout",
        defaultValue = "all_cairo",
        description = "Layout name (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(
        names = "--proof-mode",
        description = "Run from __start__ to __end__, padded to a power of two steps.")
    boolean proofMode;

    @Option(names = "--pie-out", description = "Write the run's Cairo PIE (zip) here.")
    Path pieOut;

    @Option(
        names = "--merge-extra-segments",
        description = "Merge the PIE's extra segments into one (as HDP writes its PIEs).")
    boolean mergeExtraSegments;

    @Option(names = "--print-output", description = "Print the program output.")
    boolean printOutput;

    @Option(names = "--trace-file", description = "Write the relocated binary trace here.")
    Path traceFile;

    @Option(names = "--memory-file", description = "Write the relocated binary memory here.")
    Path memoryFile;

    @Option(
        names = "--air-private-input",
        description =
            "Write the AIR private input (proof mode; needs --trace-file and --memory-file).")
    Path airPrivateInput;

    @Option(
        names = "--air-public-input",
        description = "Write the AIR public input (proof mode) here.")
    Path airPublicInput;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        CompiledProgram p = ProgramLoader.load(program);
        JsonNode input =
            programInput == null
                ? null
                : new ObjectMapper().readTree(Files.readAllBytes(programInput));
        RunOptions options =
            RunOptions.defaults()
                .withLayout(Layout.byName(layout))
                .withProofMode(proofMode)
                .withProgramInput(input);
        long start = System.nanoTime();
        CairoRunner runner = new CairoRunner(p, options);
        if (programInput != null) {
          // A bootloader's relative task paths are relative to its input file.
          SimpleBootloaderHints.setTaskDirectory(
              runner.hintEnvironment(), programInput.toAbsolutePath().getParent());
        }
        runner.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        ExecutionResources res = runner.executionResources();
        if (printOutput) {
          out.println("Program output:");
          for (BigInteger v : runner.output()) {
            out.println(
                "  "
                    + (v.compareTo(Felt252.PRIME.shiftRight(1)) > 0
                        ? v.subtract(Felt252.PRIME)
                        : v));
          }
        }
        out.printf("Number of steps: %d%n", res.nSteps());
        out.printf("Memory holes: %d%n", res.nMemoryHoles());
        out.println("Builtin instances: " + res.builtinInstanceCounter());
        out.printf("Time: %.3f s%n", seconds);
        if (traceFile != null || memoryFile != null) {
          var relocation = runner.relocate();
          if (traceFile != null) {
            try (var o = new java.io.BufferedOutputStream(Files.newOutputStream(traceFile))) {
              relocation.writeTrace(o);
            }
          }
          if (memoryFile != null) {
            try (var o = new java.io.BufferedOutputStream(Files.newOutputStream(memoryFile))) {
              relocation.writeMemory(o);
            }
          }
        }
        if (airPublicInput != null) {
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValue(airPublicInput.toFile(), dev.hdp.cairo.runner.AirPublicInput.of(runner));
        }
        if (airPrivateInput != null) {
          if (traceFile == null || memoryFile == null) {
            throw new IllegalArgumentException(
                "--air-private-input needs --trace-file and --memory-file");
          }
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValue(
                  airPrivateInput.toFile(),
                  dev.hdp.cairo.runner.AirPrivateInput.of(
                      runner,
                      traceFile.toAbsolutePath().toString(),
                      memoryFile.toAbsolutePath().toString()));
        }
        if (pieOut != null) {
          CairoPie pie = CairoPie.fromRun(runner);
          (mergeExtraSegments ? pie.mergeExtraSegments() : pie).write(pieOut);
          out.println("PIE written to " + pieOut);
        }
        return 0;
      } catch (ProgramFormatException
          | VmException
          | PieFormatException
          | IllegalArgumentException e) {
        err.println("error: " + e.getMessage());
        return 1;
      }
    }
  }

  /** Prints a program's hash. */
  @Command(
      name = "hash",
      mixinStandardHelpOptions = true,
      description = "Print the program hash (as cairo-hash-program).")
  static final class Hash implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--program",
        required = true,
        description = "The compiled program (cairo-compile JSON).")
    Path program;

    @Option(names = "--poseidon", description = "Use Poseidon instead of Pedersen.")
    boolean poseidon;

    @Override
    public Integer call() {
      try {
        var stripped = ProgramLoader.load(program).strip();
        Felt252 h = poseidon ? ProgramHash.poseidon(stripped) : ProgramHash.pedersen(stripped);
        spec.commandLine().getOut().println(h.toHex());
        return 0;
      } catch (ProgramFormatException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return 1;
      }
    }
  }

  /** Prints a PIE's program hash, output and fact, after validating and re-running it. */
  @Command(
      name = "fact",
      mixinStandardHelpOptions = true,
      description = "Validate and re-run a Cairo PIE; print its program hash, output and fact.")
  static final class FactOf implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--pie", required = true, description = "The Cairo PIE zip.")
    Path pie;

    @Option(
        names = "--layout",
        defaultValue = "all_cairo",
        description = "Layout for the re-run (default: ${DEFAULT-VALUE}).")
    String layout;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try {
        CairoPie p = CairoPie.read(pie);
        PieRerun.check(p, Layout.byName(layout));
        out.println("program hash: " + ProgramHash.pedersen(p.metadata().program()).toHex());
        out.println("output: " + p.output().stream().map(CairoCommand::hex).toList());
        out.println("fact: 0x" + String.format("%064x", Fact.of(p)));
        return 0;
      } catch (PieFormatException | VmException | IllegalArgumentException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return 1;
      }
    }
  }
}
