package dev.hdp.watcher.pipeline;

import dev.hdp.watcher.chain.ContractReader;
import dev.hdp.watcher.chain.IntentSender;
import dev.hdp.watcher.schedule.StageContext;
import dev.hdp.watcher.schedule.StageOutcome;
import dev.hdp.watcher.store.ProverKind;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.datatypes.generated.Bytes32;

/**
 * The development prover: proves nothing. It computes the fact of the program output and calls
 * {@code markValid(fact)} on the {@code DevFactsRegistry} with the dev-prover key, so that the rest
 * of the pipeline runs on a local chain. Everything it touches is labelled UNPROVEN.
 */
public final class DevProver implements Prover {
  private static final Logger LOG = LoggerFactory.getLogger(DevProver.class);

  private final ContractReader reader;
  private final IntentSender devProver;

  public DevProver(ContractReader reader, IntentSender devProver) {
    this.reader = reader;
    this.devProver = devProver;
  }

  @Override
  public ProverKind kind() {
    return ProverKind.DEV;
  }

  @Override
  public StageOutcome submit(Job job, StageContext context) throws InterruptedException {
    LOG.warn(
        "{}: UNPROVEN: dev prover marks fact {} of {} valid with no proof",
        context.actor(),
        job.fact(),
        context.batch().id());
    IntentSender.Outcome outcome =
        devProver.ensure(
            context.intents(),
            "dev-mark-valid",
            job.fact().toHex(),
            Optional.of(context.batch().id()),
            context.actor(),
            () -> reader.isValid(job.fact()),
            reader.contracts().factsRegistry(),
            AccumulatorAppender.encode("markValid", new Bytes32(job.fact().toArray())));
    return StageOutcome.done(
        "UNPROVEN: fact " + job.fact() + " marked valid by the dev prover (" + outcome + ")");
  }
}
