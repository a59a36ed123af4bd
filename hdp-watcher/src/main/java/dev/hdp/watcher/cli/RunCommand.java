package dev.hdp.watcher.cli;

import dev.hdp.core.json.JsonFormatException;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.task.TaskValidationException;
import dev.hdp.preprocess.PreprocessException;
import dev.hdp.preprocess.PreprocessResult;
import dev.hdp.preprocess.Preprocessor;
import dev.hdp.preprocess.ProgressListener;
import dev.hdp.preprocess.source.ChainDataException;
import dev.hdp.preprocess.source.file.ChainDataFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hdp run}: preprocesses a request offline from a chain-data file, verifying every proof,
 * and writes the batch file and the Cairo program input.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Preprocess a request offline: verify every header, account, storage and transaction proof"
          + " in a chain-data file, compute the results, and write the batch file and the Cairo"
          + " input.",
      "Without options it runs the bundled example (examples/request.json: the average block"
          + " number of Sepolia blocks 5858987-5858997) on the recorded Sepolia data of"
          + " ../shared/fixtures/hdp-sepolia/01."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--request", paramLabel = "FILE", description = "SubmitBatchQuery JSON.")
  Path request;

  @Option(
      names = "--chain-data",
      paramLabel = "FILE",
      description = "chain-data.json with headers, MMR proofs and trie proofs.")
  Path chainData;

  @Option(
      names = "--batch-out",
      paramLabel = "FILE",
      description = "Where to write the batch file (default: ${DEFAULT-VALUE}).",
      defaultValue = "hdp-out/batch.json")
  Path batchOut;

  @Option(
      names = "--cairo-input-out",
      paramLabel = "FILE",
      description = "Where to write the Cairo input (default: ${DEFAULT-VALUE}).",
      defaultValue = "hdp-out/cairo-input.json")
  Path cairoInputOut;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (request == null && chainData == null) {
      Path home = Path.of(System.getenv().getOrDefault("HDP_HOME", "."));
      request = home.resolve("examples/request.json");
      chainData = CliSupport.fixturesDir(home).resolve("hdp-sepolia/01/chain-data.json");
      err.println("Running the bundled example: " + request + " on " + chainData);
    } else if (request == null || chainData == null) {
      err.println("error: give both --request and --chain-data (or neither, for the example)");
      return 2;
    }
    try {
      SubmitBatchQuery query = SubmitBatchQuery.parse(CliSupport.read(request, "request"));
      ChainDataFile data = ChainDataFile.read(chainData);
      long started = System.nanoTime();
      PreprocessResult result = new Preprocessor(data, progress(err)).process(query);
      long millis = (System.nanoTime() - started) / 1_000_000;
      CliSupport.write(batchOut, result.batch().toJson());
      CliSupport.write(cairoInputOut, result.cairoInputJson());
      out.printf("%-4s %-68s %8s  %s%n", "task", "commitment", "values", "result");
      for (int i = 0; i < query.tasks().size(); i++) {
        out.printf(
            "%-4d %-68s %8d  %s%n",
            i,
            result.batch().tasksCommitments().get(i),
            result.values().get(i).size(),
            result.batch().rawResults().get(i));
      }
      out.printf("tasks root   %s%n", result.batch().tasksRoot());
      out.printf("results root %s%n", result.batch().resultsRoot());
      err.printf(
          "Verified and computed in %d ms; wrote %s and %s%n", millis, batchOut, cairoInputOut);
      return 0;
    } catch (JsonFormatException | TaskValidationException e) {
      err.println("error: invalid request " + request + ": " + e.getMessage());
      return 2;
    } catch (ChainDataException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (PreprocessException e) {
      err.println("error: preprocessing failed: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  /** A progress line on stderr, redrawn in place on a terminal and every 10% otherwise. */
  private static ProgressListener progress(PrintWriter err) {
    boolean terminal = System.console() != null;
    return (task, tasks, done, total) -> {
      boolean tenth = total >= 10 && done % Math.max(1, total / 10) == 0;
      if (terminal || tenth || done == total) {
        err.printf(
            "%stask %d/%d: %d/%d items verified%s",
            terminal ? "\r" : "",
            task + 1,
            tasks,
            done,
            total,
            terminal && done < total ? "" : "\n");
        err.flush();
      }
    };
  }
}
