package dev.hdp.watcher.cli;

import dev.hdp.core.json.JsonFormatException;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.json.TaskEncodings;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hdp encode --request FILE}: prints each task's HDP Gen2 encodings and commitments as a
 * JSON array. A request that does not parse is reported on stderr with exit code 2.
 */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = {
      "Print the HDP Gen2 encodings and commitments of a request's tasks.",
      "Output: a JSON array with encodedDatalake, datalakeCommitment, encodedTask, taskCommitment."
    })
public final class EncodeCommand implements Callable<Integer> {
  /** Exit code for input that cannot be read or is not a valid request. */
  static final int BAD_INPUT = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--request",
      required = true,
      paramLabel = "FILE",
      description = "A SubmitBatchQuery JSON request (HDP's POST body).")
  Path request;

  @Override
  public Integer call() {
    String json;
    try {
      json = Files.readString(request, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      return fail(request + ": not UTF-8 text");
    } catch (IOException e) {
      return fail(request + ": cannot read (" + e + ")");
    }
    SubmitBatchQuery query;
    try {
      query = SubmitBatchQuery.parse(json);
    } catch (JsonFormatException e) {
      return fail(request + ": " + e.getMessage());
    }
    spec.commandLine().getOut().println(TaskEncodings.toJson(query.tasks()));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("hdp encode: " + message);
    spec.commandLine().getErr().flush();
    return BAD_INPUT;
  }
}
