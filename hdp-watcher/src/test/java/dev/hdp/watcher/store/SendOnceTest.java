package dev.hdp.watcher.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hdp.core.bytes.Bytes32;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendOnceTest {
  /** The database these tests run on; {@code SendOncePostgresIT} runs them on PostgreSQL. */
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.H2;
  }

  @TempDir Path folder;
  private TestDatabase database;
  private IntentLog intents;

  /** A chain whose answers the test sets, recording every send. */
  static final class ScriptedChain implements SideEffect {
    boolean applied;
    final Map<Bytes32, Status> statuses = new HashMap<>();
    final List<Bytes32> sends = new ArrayList<>();
    Status afterSend = Status.MINED;
    int signatures;

    @Override
    public boolean applied() {
      return applied;
    }

    @Override
    public Signed sign() {
      signatures++;
      return new Signed(TaskStoreTest.hash("tx " + signatures), "0xraw" + signatures);
    }

    @Override
    public void send(Signed transaction) {
      sends.add(transaction.hash());
      statuses.put(transaction.hash(), afterSend);
      if (afterSend == Status.MINED) {
        applied = true;
      }
    }

    @Override
    public Status status(Bytes32 txHash) {
      return statuses.getOrDefault(txHash, Status.UNKNOWN);
    }
  }

  @BeforeEach
  void open() {
    TickingClock clock = new TickingClock(Instant.parse("2026-11-21T12:00:00Z"));
    database = databaseKind().open(folder, clock);
    intents = new IntentLog(database.dataSource, clock);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private SendOnce.Result run(ScriptedChain chain) {
    return SendOnce.run(intents, "markValid", "fact 0x01", Optional.empty(), "n/prove", chain);
  }

  @Test
  void sendsOnceAndThenOnlyReportsDone() {
    ScriptedChain chain = new ScriptedChain();
    SendOnce.Result first = run(chain);
    assertInstanceOf(SendOnce.Done.class, first);
    assertEquals(IntentState.CONFIRMED, first.intent().state());
    assertEquals(Optional.of(TaskStoreTest.hash("tx 1")), first.intent().txHash());
    assertInstanceOf(SendOnce.Done.class, run(chain));
    assertEquals(1, chain.sends.size());
  }

  @Test
  void anEffectAlreadyOnTheTargetIsNotSent() {
    ScriptedChain chain = new ScriptedChain();
    chain.applied = true;
    assertInstanceOf(SendOnce.Done.class, run(chain));
    assertEquals(List.of(), chain.sends);
    assertEquals(0, chain.signatures);
  }

  @Test
  void aPendingTransactionIsWaitedForNotResent() {
    ScriptedChain chain = new ScriptedChain();
    chain.afterSend = SideEffect.Status.PENDING;
    SendOnce.Result waiting = run(chain);
    assertInstanceOf(SendOnce.Waiting.class, waiting);
    assertEquals(IntentState.SENT, waiting.intent().state());
    assertInstanceOf(SendOnce.Waiting.class, run(chain));
    chain.statuses.put(TaskStoreTest.hash("tx 1"), SideEffect.Status.MINED);
    assertInstanceOf(SendOnce.Done.class, run(chain));
    assertEquals(1, chain.sends.size());
    assertEquals(1, chain.signatures);
  }

  @Test
  void aDroppedTransactionIsResentByteForByteNotResigned() {
    ScriptedChain chain = new ScriptedChain();
    chain.afterSend = SideEffect.Status.UNKNOWN;
    assertInstanceOf(SendOnce.Waiting.class, run(chain));
    chain.afterSend = SideEffect.Status.MINED;
    SendOnce.Result done = run(chain);
    assertInstanceOf(SendOnce.Done.class, done);
    assertEquals(List.of(TaskStoreTest.hash("tx 1"), TaskStoreTest.hash("tx 1")), chain.sends);
    assertEquals(1, chain.signatures);
    assertEquals(2, done.intent().sends());
    assertEquals(Optional.of("0xraw1"), done.intent().payload());
  }

  @Test
  void aDroppedTransactionWhoseEffectShowsAnywayIsConfirmed() {
    ScriptedChain chain = new ScriptedChain();
    chain.afterSend = SideEffect.Status.UNKNOWN;
    assertInstanceOf(SendOnce.Waiting.class, run(chain));
    chain.applied = true;
    assertInstanceOf(SendOnce.Done.class, run(chain));
    assertEquals(1, chain.sends.size());
  }

  @Test
  void aRevertIsReportedAndNotRetriedBehindTheCallersBack() {
    ScriptedChain chain = new ScriptedChain();
    chain.afterSend = SideEffect.Status.REVERTED;
    assertInstanceOf(SendOnce.Reverted.class, run(chain));
    assertInstanceOf(SendOnce.Reverted.class, run(chain));
    assertEquals(1, chain.sends.size());
  }

  @Test
  void aTransactionWhoseNonceWentElsewhereIsReplacedByANewlySignedOne() {
    ScriptedChain chain = new ScriptedChain();
    chain.afterSend = SideEffect.Status.PENDING;
    assertInstanceOf(SendOnce.Waiting.class, run(chain));
    chain.statuses.put(TaskStoreTest.hash("tx 1"), SideEffect.Status.SUPERSEDED);
    chain.afterSend = SideEffect.Status.MINED;
    SendOnce.Result done = run(chain);
    assertInstanceOf(SendOnce.Done.class, done);
    assertEquals(2, chain.signatures);
    assertEquals(List.of(TaskStoreTest.hash("tx 1"), TaskStoreTest.hash("tx 2")), chain.sends);
    assertEquals(Optional.of(TaskStoreTest.hash("tx 2")), done.intent().txHash());
    assertEquals(Optional.of("0xraw2"), done.intent().payload());
    assertEquals(2, done.intent().sends());
  }

  @Test
  void aSupersededTransactionWhoseEffectShowsAnywayIsNotReplaced() {
    ScriptedChain chain = new ScriptedChain();
    chain.afterSend = SideEffect.Status.PENDING;
    assertInstanceOf(SendOnce.Waiting.class, run(chain));
    chain.statuses.put(TaskStoreTest.hash("tx 1"), SideEffect.Status.SUPERSEDED);
    chain.applied = true;
    SendOnce.Result done = run(chain);
    assertEquals(new SendOnce.Done(done.intent(), false), done);
    assertEquals(1, chain.signatures);
  }

  @Test
  void aCallerMayReplaceATransactionFoundRevertedOnALaterRun() {
    ScriptedChain chain = new ScriptedChain();
    chain.afterSend = SideEffect.Status.REVERTED;
    assertEquals(true, ((SendOnce.Reverted) run(chain)).inThisCall());
    SendOnce.Reverted earlier = (SendOnce.Reverted) run(chain);
    assertEquals(false, earlier.inThisCall());
    chain.afterSend = SideEffect.Status.MINED;
    SendOnce.Result done = SendOnce.resign(intents, earlier.intent(), chain);
    assertEquals(new SendOnce.Done(done.intent(), true), done);
    assertEquals(IntentState.CONFIRMED, done.intent().state());
    assertEquals(List.of(TaskStoreTest.hash("tx 1"), TaskStoreTest.hash("tx 2")), chain.sends);
  }
}
