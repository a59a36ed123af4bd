package dev.hdp.preprocess.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The pinned Anvil from the tools folder, started for a benchmark on a free loopback port with
 * {@code --prune-history} (state history in memory only; without it Anvil writes ~1.5 MB a block to
 * disk) and a throw-away {@code HOME}. The test fixtures have their own launcher; this one is in
 * main code because benchmarks ship with the node.
 */
final class LocalAnvil implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final Path home;
  private final String rpcUrl;

  private LocalAnvil(Process process, Path home, int port) {
    this.process = process;
    this.home = home;
    this.rpcUrl = "http://127.0.0.1:" + port;
  }

  /** Starts Anvil from {@code tools} keeping {@code pruneHistory} states. */
  static LocalAnvil start(Path tools, int pruneHistory) throws IOException {
    Path anvil = tools.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    if (!Files.isExecutable(anvil)) {
      throw new IOException("no Anvil at " + anvil + " (run `npm ci` in tools/)");
    }
    Path home = Files.createTempDirectory("anvil-bench-home");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    anvil.toString(),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--prune-history",
                    Integer.toString(pruneHistory)))
            .redirectErrorStream(true);
    builder.environment().put("HOME", home.toString());
    Process process = builder.start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
                port.completeExceptionally(new IOException("Anvil exited"));
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
            },
            "anvil-bench-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new LocalAnvil(process, home, port.get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("Anvil did not start", e);
    }
  }

  String rpcUrl() {
    return rpcUrl;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> paths = Files.walk(home)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp folder is harmless
    }
  }
}
