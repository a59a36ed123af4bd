package dev.hdp.watcher.store;

/** Which prover handles a batch; a {@link #DEV} batch has no proof and is shown as unproven. */
public enum ProverKind {
  /** Registers the fact on a development registry without any proof. */
  DEV,
  SHARP,
  ATLANTIC;

  /** How status output shows the prover, with {@code UNPROVEN} where there is no proof. */
  public String label() {
    return this == DEV ? "dev UNPROVEN" : name().toLowerCase(java.util.Locale.ROOT);
  }
}
