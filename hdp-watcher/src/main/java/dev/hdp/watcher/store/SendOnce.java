package dev.hdp.watcher.store;

import java.util.Optional;

/**
 * The intent-log protocol for a transaction that must take effect once, however often the stage
 * that sends it is run, stopped or killed:
 *
 * <ol>
 *   <li>{@link IntentLog#open} the intent {@code (kind, subject)}; confirmed means done.
 *   <li>Intended: check the target first (a previous run may have sent it and died before recording
 *       anything it could still find); otherwise sign, {@link IntentLog#recordSent} the hash and
 *       raw transaction, and only then send.
 *   <li>Sent: ask about the recorded transaction; if the chain never saw it and the target does not
 *       show the effect, send the very same signed transaction again (its nonce makes a double
 *       effect impossible).
 * </ol>
 */
public final class SendOnce {
  /** How far the effect got in this call. */
  public sealed interface Result {
    Intent intent();
  }

  /** The effect has taken place. */
  public record Done(Intent intent) implements Result {}

  /** Sent and not mined yet: call again later. */
  public record Waiting(Intent intent) implements Result {}

  /** The recorded transaction was mined and reverted; the caller decides what now. */
  public record Reverted(Intent intent) implements Result {}

  private SendOnce() {}

  public static Result run(
      IntentLog intents,
      String kind,
      String subject,
      Optional<BatchId> batch,
      String actor,
      SideEffect effect) {
    Intent intent = intents.open(kind, subject, batch, actor);
    return switch (intent.state()) {
      case CONFIRMED -> new Done(intent);
      case SENT -> followUp(intents, intent, effect);
      case INTENDED -> {
        if (effect.applied()) {
          yield new Done(intents.confirm(intent));
        }
        SideEffect.Signed transaction = effect.sign();
        Intent sent =
            intents.recordSent(intent, transaction.hash(), Optional.of(transaction.raw()));
        effect.send(transaction);
        yield settle(intents, sent, effect.status(transaction.hash()));
      }
    };
  }

  private static Result followUp(IntentLog intents, Intent intent, SideEffect effect) {
    SideEffect.Status status = effect.status(intent.txHash().orElseThrow());
    if (status == SideEffect.Status.UNKNOWN) {
      if (effect.applied()) {
        return new Done(intents.confirm(intent));
      }
      SideEffect.Signed again =
          new SideEffect.Signed(intent.txHash().orElseThrow(), intent.payload().orElseThrow());
      intent = intents.recordSent(intent, again.hash(), Optional.of(again.raw()));
      effect.send(again);
      status = effect.status(again.hash());
    }
    return settle(intents, intent, status);
  }

  private static Result settle(IntentLog intents, Intent intent, SideEffect.Status status) {
    return switch (status) {
      case MINED -> new Done(intents.confirm(intent));
      case REVERTED -> new Reverted(intent);
      case PENDING, UNKNOWN -> new Waiting(intent);
    };
  }
}
