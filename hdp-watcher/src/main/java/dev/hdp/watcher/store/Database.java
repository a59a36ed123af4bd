package dev.hdp.watcher.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;

/** Opens the node's connection pool; an embedded H2 file unless a JDBC URL is configured. */
public final class Database {
  /** H2 appends this to the path it is given. */
  public static final String H2_SUFFIX = ".mv.db";

  private Database() {}

  /**
   * The JDBC URL of an H2 file database at {@code path} (with or without {@code .mv.db}).
   *
   * <p>{@code AUTO_SERVER} lets {@code hdp status} read the database while a node holds it; {@code
   * DB_CLOSE_ON_EXIT=FALSE} leaves closing to the node's own shutdown, after Quartz.
   *
   * @param mustExist true to refuse to create a new, empty database (for read-only commands)
   */
  public static String h2FileUrl(Path path, boolean mustExist) {
    String file = path.toAbsolutePath().normalize().toString();
    if (file.endsWith(H2_SUFFIX)) {
      file = file.substring(0, file.length() - H2_SUFFIX.length());
    }
    return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE" + (mustExist ? ";IFEXISTS=TRUE" : "");
  }

  /** The file H2 keeps the database in, for {@code path} as given to {@link #h2FileUrl}. */
  public static Path h2File(Path path) {
    String name = path.getFileName().toString();
    return name.endsWith(H2_SUFFIX) ? path : path.resolveSibling(name + H2_SUFFIX);
  }

  /** A pool of at most {@code maxConnections} connections to {@code jdbcUrl}. */
  public static HikariDataSource pool(
      String jdbcUrl, String user, String password, int maxConnections, String poolName) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(maxConnections);
    config.setMinimumIdle(1);
    config.setPoolName(poolName);
    config.setAutoCommit(true);
    return new HikariDataSource(config);
  }
}
