package dev.hdp.cairo.hints;

import dev.hdp.cairo.bootloader.BootloaderInputException;
import dev.hdp.cairo.bootloader.CairoPieLoader;
import dev.hdp.cairo.bootloader.FactTopology;
import dev.hdp.cairo.bootloader.ProgramHashFunction;
import dev.hdp.cairo.bootloader.SimpleBootloaderInput;
import dev.hdp.cairo.bootloader.Task;
import dev.hdp.cairo.builtins.EcdsaBuiltinRunner;
import dev.hdp.cairo.builtins.Layout;
import dev.hdp.cairo.builtins.OutputBuiltinRunner;
import dev.hdp.cairo.pie.SegmentInfo;
import dev.hdp.cairo.program.Identifier;
import dev.hdp.cairo.program.StrippedProgram;
import dev.hdp.cairo.vm.MaybeRelocatable;
import dev.hdp.cairo.vm.Relocatable;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hints of StarkWare's simple bootloader (cairo-lang 0.14 {@code run_simple_bootloader.cairo}
 * and {@code execute_task.cairo}, shared by the bootloader and the applicative bootloader): the
 * task loop, loading a task's program (header, code and hints) or a PIE's memory, the builtin
 * pointers after a task and each task's fact topology.
 *
 * <p>Scope variables, as in cairo-lang: {@code simple_bootloader_input} (a {@link
 * SimpleBootloaderInput}, set by the hint that parses the input), {@code tasks}, {@code task} (a
 * {@link Task}), {@code fact_topologies} (a mutable {@code List<FactTopology>}), {@code
 * program_address}, {@code n_builtins} and {@code output_runner_data}.
 */
public final class SimpleBootloaderHints {
  private SimpleBootloaderHints() {}

  /** The {@link HintEnvironment#extensions()} key of the folder relative task paths start from. */
  public static final String TASK_DIRECTORY = "bootloader.taskDirectory";

  /** The offset of {@code builtin_list} in {@code ProgramHeader}. */
  private static final int PROGRAM_HEADER_BUILTINS_OFFSET = 4;

  /** The bootloader version the program header carries ({@code BOOTLOADER_VERSION}). */
  private static final int BOOTLOADER_VERSION = 0;

  static final String LOAD_SIMPLE_BOOTLOADER_INPUT =
      "from starkware.cairo.bootloaders.simple_bootloader.objects import SimpleBootloaderInput\n"
          + "simple_bootloader_input = SimpleBootloaderInput.Schema().load(program_input)";
  static final String SETUP_BEFORE_TASK_EXECUTION =
      "SETUP_RUN_SIMPLE_BOOTLOADER_BEFORE_TASK_EXECUTION";
  static final String SET_TASKS_VARIABLE = "tasks = simple_bootloader_input.tasks";
  static final String SET_CURRENT_TASK = "SIMPLE_BOOTLOADER_SET_CURRENT_TASK";
  static final String PROGRAM_HASH_FUNCTION =
      "memory[ap] = to_felt_or_relocatable(task.program_hash_function)";
  static final String DETERMINE_USE_PREV_HASH = "DETERMINE_USE_PREV_HASH";
  static final String LOAD_PROGRAM_SEGMENT = "LOAD_PROGRAM_SEGMENT";
  static final String CALL_TASK =
      "from starkware.cairo.bootloaders.simple_bootloader.objects import (\n"
          + "    CairoPieTask,\n"
          + "    RunProgramTask,\n"
          + "    Task,\n"
          + ")\n"
          + "from starkware.cairo.bootloaders.simple_bootloader.utils import (\n"
          + "    load_cairo_pie,\n"
          + "    prepare_output_runner,\n"
          + ")\n"
          + "\n"
          + "assert isinstance(task, Task)\n"
          + "n_builtins = len(task.get_program().builtins)\n"
          + "new_task_locals = {}\n"
          + "if isinstance(task, RunProgramTask):\n"
          + "    new_task_locals['program_input'] = task.program_input\n"
          + "    new_task_locals['WITH_BOOTLOADER'] = True\n"
          + "\n"
          + "    vm_load_program(task.program, program_address)\n"
          + "elif isinstance(task, CairoPieTask):\n"
          + "    ret_pc = ids.ret_pc_label.instruction_offset_ - ids.call_task.instruction_offset_"
          + " + pc\n"
          + "    load_cairo_pie(\n"
          + "        task=task.cairo_pie, memory=memory, segments=segments,\n"
          + "        program_address=program_address, execution_segment_address= ap -"
          + " n_builtins,\n"
          + "        builtin_runners=builtin_runners, ret_fp=fp, ret_pc=ret_pc,\n"
          + "        ecdsa_additional_data=vm_ecdsa_additional_data)\n"
          + "else:\n"
          + "    raise NotImplementedError(f'Unexpected task type: {type(task).__name__}.')\n"
          + "\n"
          + "output_runner_data = prepare_output_runner(\n"
          + "    task=task,\n"
          + "    output_builtin=output_builtin,\n"
          + "    output_ptr=ids.pre_execution_builtin_ptrs.output)\n"
          + "vm_enter_scope(new_task_locals)";
  static final String EXIT_TASK_SCOPE =
      "vm_exit_scope()\n" + "# Note that bootloader_input will only be available in the next hint.";
  static final String WRITE_RETURN_BUILTINS =
      "from starkware.cairo.bootloaders.simple_bootloader.utils import write_return_builtins\n"
          + "\n"
          + "# Fill the values of all builtin pointers after executing the task.\n"
          + "builtins = task.get_program().builtins\n"
          + "write_return_builtins(\n"
          + "    memory=memory, return_builtins_addr=ids.return_builtin_ptrs.address_,\n"
          + "    used_builtins=builtins, used_builtins_addr=ids.used_builtins_addr,\n"
          + "    pre_execution_builtins_addr=ids.pre_execution_builtin_ptrs.address_,"
          + " task=task)\n"
          + "\n"
          + "vm_enter_scope({'n_selected_builtins': n_builtins})";
  static final String APPEND_FACT_TOPOLOGY =
      "from starkware.cairo.bootloaders.simple_bootloader.utils import get_task_fact_topology\n"
          + "\n"
          + "# Add the fact topology of the current task to 'fact_topologies'.\n"
          + "output_start = ids.pre_execution_builtin_ptrs.output\n"
          + "output_end = ids.return_builtin_ptrs.output\n"
          + "fact_topologies.append(get_task_fact_topology(\n"
          + "    output_size=output_end - output_start,\n"
          + "    task=task,\n"
          + "    output_builtin=output_builtin,\n"
          + "    output_runner_data=output_runner_data,\n"
          + "))";

  /** Registers the simple bootloader's hints. */
  public static void registerAll(HintProcessor p) {
    p.register(LOAD_SIMPLE_BOOTLOADER_INPUT, SimpleBootloaderHints::loadInput);
    p.register(SETUP_BEFORE_TASK_EXECUTION, SimpleBootloaderHints::setup);
    p.register(SET_TASKS_VARIABLE, c -> c.scopes().set("tasks", input(c).tasks()));
    p.register(SET_CURRENT_TASK, SimpleBootloaderHints::setCurrentTask);
    p.register(
        PROGRAM_HASH_FUNCTION,
        c -> c.insertAtAp(BigInteger.valueOf(task(c).hashFunction().code())));
    p.register(
        DETERMINE_USE_PREV_HASH,
        c -> c.setIds("use_prev_hash", (Boolean) c.scopes().require("use_prev_hash") ? 1 : 0));
    p.register(LOAD_PROGRAM_SEGMENT, SimpleBootloaderHints::loadProgramSegment);
    p.register(CALL_TASK, SimpleBootloaderHints::callTask);
    p.register(EXIT_TASK_SCOPE, HintContext::exitScope);
    p.register(WRITE_RETURN_BUILTINS, SimpleBootloaderHints::writeReturnBuiltins);
    p.register(APPEND_FACT_TOPOLOGY, SimpleBootloaderHints::appendFactTopology);
  }

  /** Sets the folder that relative task paths of the run's input start from. */
  public static void setTaskDirectory(HintEnvironment env, Path directory) {
    env.extensions().put(TASK_DIRECTORY, directory);
  }

  /** The folder relative task paths start from: the one set, else the working directory. */
  public static Path taskDirectory(HintEnvironment env) {
    return env.extensions().get(TASK_DIRECTORY) instanceof Path p
        ? p
        : Path.of("").toAbsolutePath();
  }

  /** {@code simple_bootloader_input = SimpleBootloaderInput.Schema().load(program_input)}. */
  private static void loadInput(HintContext c) {
    c.scopes()
        .set(
            "simple_bootloader_input",
            parseInput(
                () ->
                    SimpleBootloaderInput.parse(c.programInput(), taskDirectory(c.environment()))));
  }

  /** Runs a parse, reporting a schema error as a hint error that names the field. */
  static <T> T parseInput(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (BootloaderInputException e) {
      throw new HintException("invalid bootloader input: " + e.getMessage(), e);
    }
  }

  private static SimpleBootloaderInput input(HintContext c) {
    if (!(c.scopes().require("simple_bootloader_input") instanceof SimpleBootloaderInput in)) {
      throw new HintException("simple_bootloader_input is not a SimpleBootloaderInput");
    }
    return in;
  }

  private static Task task(HintContext c) {
    if (!(c.scopes().require("task") instanceof Task t)) {
      throw new HintException("task is not a bootloader task");
    }
    return t;
  }

  /**
   * Writes the number of tasks at {@code output_ptr}, points {@code
   * initial_subtasks_range_check_ptr} at a new temporary segment (relocated after the bootloader's
   * own range checks at the end) and starts {@code fact_topologies}.
   */
  private static void setup(HintContext c) {
    c.memory().set(c.idsPtr("output_ptr"), MaybeRelocatable.of(input(c).tasks().size()));
    c.setIds("initial_subtasks_range_check_ptr", c.addTemporarySegment());
    c.scopes().set("fact_topologies", new ArrayList<FactTopology>());
  }

  /**
   * Picks task {@code len(tasks) - n_tasks}; the bootloader reuses the previous task's program
   * segment and hash when the program and hash function are the same (StarkWare's proving-utils
   * compares only the programs, which breaks the Cairo code's check of the hash function), except
   * for a PIE after a program task.
   */
  private static void setCurrentTask(HintContext c) {
    List<Task> tasks = input(c).tasks();
    BigInteger remaining = c.idsInt("n_tasks");
    if (remaining.signum() <= 0 || remaining.compareTo(BigInteger.valueOf(tasks.size())) > 0) {
      throw new HintException("n_tasks " + remaining + " is not in [1, " + tasks.size() + "]");
    }
    int id = tasks.size() - remaining.intValueExact();
    Task task = tasks.get(id);
    if (task.hashFunction() == ProgramHashFunction.BLAKE) {
      // execute_task.cairo hashes with Blake through Stwo's dedicated Blake2s opcode.
      throw new HintException(
          "task "
              + id
              + ": program_hash_function blake needs the Blake2s opcode, which this VM does not"
              + " implement");
    }
    boolean samePrevious = false;
    if (id > 0) {
      Task previous = tasks.get(id - 1);
      // A PIE after a program task would run that task's hints, still installed at the code.
      samePrevious =
          previous.hashFunction() == task.hashFunction()
              && previous.strippedProgram().equals(task.strippedProgram())
              && !(task instanceof Task.CairoPieTask && previous instanceof Task.RunProgramTask);
    }
    c.scopes().set("task", task);
    c.scopes().set("task_index", id);
    c.scopes().set("use_prev_hash", samePrevious);
  }

  /**
   * Allocates {@code program_segment_ptr} and writes the program header ({@code data_length,
   * bootloader_version, main, n_builtins, builtins...}) and the code there; {@code program_address}
   * is where the code starts.
   */
  private static void loadProgramSegment(HintContext c) {
    StrippedProgram program = task(c).strippedProgram();
    Relocatable base = c.addSegment();
    c.setIds("program_segment_ptr", base);
    int nBuiltins = program.builtins().size();
    int headerSize = PROGRAM_HEADER_BUILTINS_OFFSET + nBuiltins;
    List<Object> header = new ArrayList<>();
    header.add((long) (headerSize - 1 + program.data().size()));
    header.add((long) BOOTLOADER_VERSION);
    header.add((long) program.main());
    header.add((long) nBuiltins);
    for (String b : program.builtins()) {
      header.add(new BigInteger(1, b.getBytes(StandardCharsets.US_ASCII)));
    }
    Relocatable code = c.writeArg(base, header);
    c.writeArg(code, program.data());
    c.memory().finalizeSegment(base.segment(), headerSize + program.data().size());
    c.scopes().set("program_address", code);
  }

  /**
   * Before {@code call abs program_entry_point}: installs a program task's hints at its code (its
   * input in a new scope), or copies a PIE task's memory in; points the output builtin at the
   * task's output so its pages are its own.
   */
  private static void callTask(HintContext c) {
    Task task = task(c);
    int nBuiltins = task.strippedProgram().builtins().size();
    c.scopes().set("n_builtins", nBuiltins);
    Relocatable programAddress = (Relocatable) c.scopes().require("program_address");
    Map<String, Object> taskLocals = new HashMap<>();
    switch (task) {
      case Task.RunProgramTask run -> {
        taskLocals.put("program_input", run.programInput());
        taskLocals.put("WITH_BOOTLOADER", Boolean.TRUE);
        c.loadProgramHints(run.program(), programAddress);
      }
      case Task.CairoPieTask pie -> {
        Relocatable retPc = c.pc().add(labelPc(c, "ret_pc_label") - labelPc(c, "call_task"));
        try {
          CairoPieLoader.load(
              pie.pie(),
              c.memory(),
              programAddress,
              c.ap().add(-nBuiltins),
              c.fp(),
              retPc,
              c.environment().builtins().get("ecdsa") instanceof EcdsaBuiltinRunner e ? e : null);
        } catch (HintException e) {
          throw e;
        } catch (RuntimeException e) {
          throw new HintException(
              "task "
                  + c.scopes().get("task_index")
                  + ": cannot load its Cairo PIE: "
                  + e.getMessage(),
              e);
        }
      }
    }
    Relocatable outputPtr = c.idsPtr("pre_execution_builtin_ptrs.output");
    c.scopes().set("output_runner_data", prepareOutputRunner(c, task, outputPtr));
    c.enterScope(taskLocals);
  }

  private static long labelPc(HintContext c, String name) {
    return switch (c.program().lookup(name, c.scopeNames()).orElse(null)) {
      case Identifier.Label l -> l.pc();
      case Identifier.Function f -> f.pc();
      case null, default -> throw new HintException("ids." + name + " is not a label");
    };
  }

  /**
   * {@code prepare_output_runner}: before a program task, saves the output builtin's state and
   * starts a fresh one whose pages count from the task's output; a PIE task runs no hints, so its
   * pages come from the PIE and nothing is saved (null).
   */
  private static OutputBuiltinRunner.State prepareOutputRunner(
      HintContext c, Task task, Relocatable outputPtr) {
    if (!(task instanceof Task.RunProgramTask)) {
      return null;
    }
    OutputBuiltinRunner output = outputBuiltin(c);
    OutputBuiltinRunner.State state = output.getState();
    output.newState(outputPtr);
    return state;
  }

  static OutputBuiltinRunner outputBuiltin(HintContext c) {
    if (!(c.builtin("output") instanceof OutputBuiltinRunner o)) {
      throw new HintException("the output builtin has no output runner");
    }
    return o;
  }

  /**
   * Fills {@code return_builtin_ptrs}: a builtin the task uses takes the pointer it returned, any
   * other keeps its value from before the task. For a PIE the usage must match the PIE's.
   */
  private static void writeReturnBuiltins(HintContext c) {
    Task task = task(c);
    List<String> used = task.strippedProgram().builtins();
    Relocatable returned = c.idsAddress("return_builtin_ptrs");
    Relocatable before = c.idsAddress("pre_execution_builtin_ptrs");
    Relocatable usedAddr = c.idsPtr("used_builtins_addr");
    int usedOffset = 0;
    for (int i = 0; i < Layout.BUILTIN_ORDER.size(); i++) {
      String name = Layout.BUILTIN_ORDER.get(i);
      if (used.contains(name)) {
        MaybeRelocatable value = c.memory().getOrThrow(usedAddr.add(usedOffset++));
        c.memory().set(returned.add(i), value);
        if (task instanceof Task.CairoPieTask pie && value instanceof Relocatable end) {
          SegmentInfo segment = pie.pie().metadata().builtinSegments().get(name);
          MaybeRelocatable start = c.memory().getOrThrow(before.add(i));
          if (!(start instanceof Relocatable s)
              || segment == null
              || end.segment() != s.segment()
              || end.sub(s) != segment.size()) {
            throw new HintException(
                "task "
                    + c.scopes().get("task_index")
                    + ": the "
                    + name
                    + " builtin usage is inconsistent with the Cairo PIE");
          }
        }
      } else {
        c.memory().set(returned.add(i), c.memory().getOrThrow(before.add(i)));
      }
    }
    c.enterScope(
        Map.of(
            "n_selected_builtins", BigInteger.valueOf((Integer) c.scopes().require("n_builtins"))));
  }

  /**
   * Appends the task's fact topology: from the pages the task added (then restores the output
   * builtin's own pages), or from the PIE's output builtin data.
   */
  @SuppressWarnings("unchecked") // the fact topologies list this class put in the scope
  private static void appendFactTopology(HintContext c) {
    Relocatable start = c.idsPtr("pre_execution_builtin_ptrs.output");
    Relocatable end = c.idsPtr("return_builtin_ptrs.output");
    long outputSize = end.sub(start);
    Task task = task(c);
    Object runnerData = c.scopes().require("output_runner_data");
    FactTopology topology;
    try {
      if (task instanceof Task.CairoPieTask pie) {
        if (runnerData != null) {
          throw new HintException("output runner data is set for a Cairo PIE task");
        }
        Map<String, Object> data = pie.pie().outputBuiltinData();
        topology =
            FactTopology.fromOutputData(
                outputSize, pages(data.get("pages")), attributes(data.get("attributes")));
      } else {
        if (!(runnerData instanceof OutputBuiltinRunner.State state)) {
          throw new HintException("output runner data is not set for a program task");
        }
        OutputBuiltinRunner output = outputBuiltin(c);
        topology = FactTopology.fromOutputData(outputSize, output.pages(), output.attributes());
        output.setState(state);
      }
    } catch (IllegalArgumentException e) {
      throw new HintException(
          "task " + c.scopes().get("task_index") + ": invalid fact topology: " + e.getMessage(), e);
    }
    ((List<FactTopology>) c.scopes().require("fact_topologies")).add(topology);
  }

  /** Pages as a PIE's output builtin data has them: {@code {"id": [start, size]}}. */
  private static Map<Integer, OutputBuiltinRunner.Page> pages(Object json) {
    Map<Integer, OutputBuiltinRunner.Page> out = new LinkedHashMap<>();
    if (json instanceof Map<?, ?> m) {
      for (var e : m.entrySet()) {
        if (!(e.getValue() instanceof List<?> l) || l.size() != 2) {
          throw new IllegalArgumentException("output page " + e.getKey() + " is not [start, size]");
        }
        out.put(
            Integer.parseInt(e.getKey().toString()),
            new OutputBuiltinRunner.Page(
                ((Number) l.get(0)).longValue(), ((Number) l.get(1)).longValue()));
      }
    }
    return out;
  }

  private static Map<String, List<BigInteger>> attributes(Object json) {
    Map<String, List<BigInteger>> out = new LinkedHashMap<>();
    if (json instanceof Map<?, ?> m) {
      for (var e : m.entrySet()) {
        if (!(e.getValue() instanceof List<?> l)) {
          throw new IllegalArgumentException("output attribute " + e.getKey() + " is not a list");
        }
        List<BigInteger> values = new ArrayList<>();
        for (Object o : l) {
          values.add(new BigInteger(o.toString()));
        }
        out.put(e.getKey().toString(), values);
      }
    }
    return out;
  }
}
