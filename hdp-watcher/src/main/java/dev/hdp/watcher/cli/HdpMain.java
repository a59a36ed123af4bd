package dev.hdp.watcher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hdp} command tree; each subcommand lives in its own class in this package. */
@Command(
    name = "hdp",
    mixinStandardHelpOptions = true,
    versionProvider = HdpMain.Version.class,
    description = "A verifiable data processor for Ethereum history (HDP Gen2 compatible).",
    subcommands = {
      CommandLine.HelpCommand.class,
      BenchCommand.class,
      CairoCommand.class,
      DemoCommand.class,
      DeployCommand.class,
      EncodeCommand.class,
      NodeCommand.class,
      RequestCommand.class,
      RunCommand.class,
      StatusCommand.class,
    })
public final class HdpMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Builds the command line; tests call this to run commands in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new HdpMain()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Reports the version Maven wrote into the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = HdpMain.class.getPackage().getImplementationVersion();
      return new String[] {"hdp " + (version == null ? "(development build)" : version)};
    }
  }
}
