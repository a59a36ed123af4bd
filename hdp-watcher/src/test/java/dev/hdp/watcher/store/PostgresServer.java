package dev.hdp.watcher.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for integration tests: the machine's own server binaries (Debian's
 * {@code postgresql} package) run on a fresh data directory under {@code java.io.tmpdir}, listening
 * on 127.0.0.1 at a free port, with trust authentication and no fsync. {@link #close} stops it and
 * deletes the directory; so does a shutdown hook, and a watchdog shell does it when the JVM dies
 * without running its hooks.
 *
 * <p>PostgreSQL refuses to run as root; as root the server runs as the {@code postgres} user (via
 * {@code runuser}), which owns the directory.
 */
public final class PostgresServer implements AutoCloseable {
  /** The superuser of the server; trust authentication, so no password. */
  public static final String USER = "postgres";

  /** A directory with initdb and pg_ctl, to use instead of the ones found by default. */
  public static final String BIN_PROPERTY = "hdp.postgres.bin";

  private static final String INSTALL_HINT =
      "install the PostgreSQL server (Debian/Ubuntu: apt-get install -y postgresql), or set -D"
          + BIN_PROPERTY
          + " to the directory holding initdb and pg_ctl";

  private static PostgresServer shared;

  private final Path bin;
  private final Path base;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;
  private final AtomicInteger databases = new AtomicInteger();
  private final Thread shutdownHook;
  private boolean closed;

  private PostgresServer(Path bin, Path base, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.base = base;
    this.data = base.resolve("data");
    this.port = port;
    this.asPostgresUser = asPostgresUser;
    this.shutdownHook = new Thread(this::stopQuietly, "postgres-server-stop");
  }

  /**
   * One server for the whole test JVM, started at the first call and stopped when the JVM exits.
   * Each test takes a database of its own with {@link #createDatabase}.
   */
  public static synchronized PostgresServer shared() {
    if (shared == null || shared.closed) {
      shared = start();
    }
    return shared;
  }

  /**
   * Starts a new server and waits until it accepts connections.
   *
   * @throws IllegalStateException when the server binaries are missing (saying how to install them)
   *     or the server does not come up (with its log)
   */
  public static PostgresServer start() {
    Path bin = findBinaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path base;
    try {
      base = Files.createTempDirectory("hdp-pg-");
      if (root) {
        UserPrincipal owner =
            base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
        Files.setOwner(base, owner);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot prepare a directory for PostgreSQL"
              + (root ? " owned by the OS user '" + USER + "' (the server refuses root)" : "")
              + ": "
              + e,
          e);
    }
    PostgresServer server = null;
    try {
      server = new PostgresServer(bin, base, freePort(), root);
      Runtime.getRuntime().addShutdownHook(server.shutdownHook);
      server.initdb();
      server.startWatchdog();
      server.startServer();
      return server;
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      } else {
        deleteTree(base);
      }
      throw e;
    }
  }

  /** The directory of the data, the socket and the logs; deleted by {@link #close}. */
  Path directory() {
    return base;
  }

  /** The port the server listens on, at 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The JDBC URL of {@code database} on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates a new, empty database and returns its JDBC URL (user {@link #USER}, no password). */
  public String createDatabase() {
    String name = "hdp_test_" + databases.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e, e);
    }
    return jdbcUrl(name);
  }

  /** Stops the server at once (its clients are cut off) and deletes its data directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs (or ran) the same stop.
    }
  }

  private void initdb() {
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-A",
            "trust",
            "-U",
            USER,
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"),
        60,
        "initdb");
  }

  private void startServer() {
    String options =
        String.join(
            " ",
            "-c listen_addresses=127.0.0.1",
            "-p " + port,
            "-c unix_socket_directories=" + base,
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=200",
            "-c shared_buffers=32MB");
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "start",
            "-D",
            data.toString(),
            "-l",
            base.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            options),
        90,
        "pg_ctl start");
  }

  /**
   * A shell that outlives a killed JVM: once the JVM is gone and the data directory is still there,
   * it stops the server and deletes the directory. After a clean {@link #close} it finds the
   * directory gone and exits.
   */
  private void startWatchdog() {
    String script =
        "while kill -0 \"$1\" 2>/dev/null && [ -d \"$2\" ]; do sleep 1; done; "
            + "if [ -d \"$2\" ]; then "
            + stopCommand("\"$2\"/data", "\"$3\"")
            + " >/dev/null 2>&1; rm -rf \"$2\"; fi";
    ProcessBuilder watchdog =
        new ProcessBuilder(
                "sh",
                "-c",
                script,
                "postgres-watchdog",
                Long.toString(ProcessHandle.current().pid()),
                base.toString(),
                bin.resolve("pg_ctl").toString())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectErrorStream(true);
    try {
      watchdog.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the PostgreSQL watchdog: " + e, e);
    }
  }

  private String stopCommand(String dataDir, String pgCtl) {
    return (asPostgresUser ? "runuser -u " + USER + " -- " : "")
        + pgCtl
        + " stop -D "
        + dataDir
        + " -m immediate -w -t 30";
  }

  private void stopQuietly() {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        run(
            List.of(
                bin.resolve("pg_ctl").toString(),
                "stop",
                "-D",
                data.toString(),
                "-m",
                "immediate",
                "-w",
                "-t",
                "30"),
            60,
            "pg_ctl stop");
      }
    } catch (RuntimeException e) {
      System.err.println("PostgresServer: " + e.getMessage());
    } finally {
      deleteTree(base);
    }
  }

  private void run(List<String> command, int timeoutSeconds, String what) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", USER, "--"));
    }
    full.addAll(command);
    Path output = base.resolve(what.replace(' ', '-') + ".out");
    try {
      Process process =
          new ProcessBuilder(full)
              // The server's user may not be allowed into the directory the JVM runs in.
              .directory(base.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " took more than " + timeoutSeconds + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            what
                + " failed (exit "
                + process.exitValue()
                + "): "
                + read(output)
                + read(base.resolve("server.log")));
      }
    } catch (IOException e) {
      throw new IllegalStateException(what + " could not be run: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? "\n" + Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "\n(cannot read " + file + ": " + e + ")";
    }
  }

  /** The system property's directory, else the newest /usr/lib/postgresql/N/bin, else the PATH. */
  static Path findBinaries() {
    String configured = System.getProperty(BIN_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path bin = Path.of(configured);
      if (!hasServer(bin)) {
        throw new IllegalStateException(
            BIN_PROPERTY + "=" + configured + " holds no initdb and pg_ctl; " + INSTALL_HINT);
      }
      return bin;
    }
    Optional<Path> debian = Optional.empty();
    Path versions = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(versions)) {
      try (Stream<Path> dirs = Files.list(versions)) {
        debian =
            dirs.map(dir -> dir.resolve("bin"))
                .filter(PostgresServer::hasServer)
                .max(Comparator.comparingInt(PostgresServer::majorVersion));
      } catch (IOException e) {
        throw new IllegalStateException("cannot list " + versions + ": " + e, e);
      }
    }
    if (debian.isPresent()) {
      return debian.get();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && hasServer(Path.of(dir))) {
        return Path.of(dir);
      }
    }
    throw new IllegalStateException(
        "PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or on"
            + " the PATH; "
            + INSTALL_HINT);
  }

  private static boolean hasServer(Path bin) {
    return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port: " + e, e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("PostgresServer: cannot delete " + root + ": " + e);
    }
  }
}
