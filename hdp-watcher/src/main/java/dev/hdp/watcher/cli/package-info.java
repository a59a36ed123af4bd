/** The {@code hdp} command line (picocli): one class per subcommand, thin over the modules. */
package dev.hdp.watcher.cli;
