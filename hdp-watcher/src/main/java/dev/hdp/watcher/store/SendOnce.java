package dev.hdp.watcher.store;

import java.util.Optional;

/**
 * The one implementation of the intent-log protocol for a transaction that must take effect once,
 * however often the stage that sends it is run, stopped or killed. The chain is reached only
 * through a {@link SideEffect} (a fake chain in tests, web3j in {@code
 * dev.hdp.watcher.chain.IntentSender}).
 *
 * <ol>
 *   <li>{@link IntentLog#open} the intent {@code (kind, subject)}; confirmed means done.
 *   <li>Intended: check the target first (a previous run may have sent it and died before recording
 *       anything it could still find); otherwise sign, {@link IntentLog#recordSent} the hash and
 *       raw transaction, and only then send.
 *   <li>Sent: ask about the recorded transaction. Mined means done; pending means wait; reverted is
 *       the caller's to decide ({@link #resign}). If the chain never saw it and the target does not
 *       show the effect, send the very same signed transaction again (its nonce makes a double
 *       effect impossible). If it can never be mined (its nonce went to another transaction) and
 *       the effect is still missing, sign a new one, recording it before it is sent.
 * </ol>
 *
 * <p>Callers that share a signing key must not run this concurrently for that key (nonces would
 * collide); {@code IntentSender} serializes them.
 */
public final class SendOnce {
  /** How far the effect got in this call. */
  public sealed interface Result {
    Intent intent();
  }

  /**
   * The effect has taken place.
   *
   * @param byRecordedTransaction true when a transaction of this intent was seen mined, false when
   *     the intent was confirmed before or the target already showed the effect
   */
  public record Done(Intent intent, boolean byRecordedTransaction) implements Result {}

  /** Sent and not mined yet: call again later. */
  public record Waiting(Intent intent) implements Result {}

  /**
   * The recorded transaction was mined and reverted, and the target does not show the effect; the
   * caller decides what now (for instance {@link #resign} on a later run).
   *
   * @param inThisCall true when the reverted transaction was sent by this call, false when it was
   *     found reverted from an earlier run
   */
  public record Reverted(Intent intent, boolean inThisCall) implements Result {}

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
      case CONFIRMED -> new Done(intent, false);
      case SENT -> followUp(intents, intent, effect);
      case INTENDED -> {
        if (effect.applied()) {
          yield new Done(intents.confirm(intent), false);
        }
        yield signAndSend(intents, intent, effect);
      }
    };
  }

  /**
   * Replaces the recorded transaction of a sent intent whose transaction cannot take effect any
   * more (reverted, or its nonce used by another): checks the target first, then signs a new
   * transaction, records it and sends it.
   */
  public static Result resign(IntentLog intents, Intent intent, SideEffect effect) {
    if (effect.applied()) {
      return new Done(intents.confirm(intent), false);
    }
    return signAndSend(intents, intent, effect);
  }

  private static Result signAndSend(IntentLog intents, Intent intent, SideEffect effect) {
    SideEffect.Signed transaction = effect.sign();
    Intent sent = intents.recordSent(intent, transaction.hash(), Optional.of(transaction.raw()));
    effect.send(transaction);
    return settle(intents, sent, effect, effect.status(transaction), true);
  }

  private static Result followUp(IntentLog intents, Intent intent, SideEffect effect) {
    Optional<SideEffect.Signed> recorded = recorded(intent);
    if (recorded.isEmpty()) {
      // Sent with nothing to look up or re-send: only the target can tell.
      return resign(intents, intent, effect);
    }
    SideEffect.Status status = effect.status(recorded.get());
    if (status == SideEffect.Status.UNKNOWN) {
      if (effect.applied()) {
        return new Done(intents.confirm(intent), false);
      }
      SideEffect.Signed again = recorded.get();
      intent = intents.recordSent(intent, again.hash(), Optional.of(again.raw()));
      effect.send(again);
      status = effect.status(again);
    }
    return settle(intents, intent, effect, status, false);
  }

  private static Result settle(
      IntentLog intents,
      Intent intent,
      SideEffect effect,
      SideEffect.Status status,
      boolean sentInThisCall) {
    return switch (status) {
      case MINED -> new Done(intents.confirm(intent), true);
      case REVERTED ->
          effect.applied()
              ? new Done(intents.confirm(intent), false)
              : new Reverted(intent, sentInThisCall);
      case PENDING, UNKNOWN -> new Waiting(intent);
      case SUPERSEDED -> resign(intents, intent, effect);
    };
  }

  private static Optional<SideEffect.Signed> recorded(Intent intent) {
    if (intent.txHash().isEmpty() || intent.payload().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SideEffect.Signed(intent.txHash().get(), intent.payload().get()));
  }
}
