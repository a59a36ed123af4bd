package dev.hdp.watcher.chain;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.SendOnce;
import dev.hdp.watcher.store.SideEffect;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Sends a contract transaction at most once: the chain side (signing with one key, broadcasting,
 * reading receipts through web3j) of the intent-log protocol that {@link SendOnce} implements. The
 * effect is checked on-chain before anything is sent, the signed transaction and its hash are
 * recorded before the broadcast, and a resumed send looks the recorded transaction up
 * (re-broadcasting the same bytes if the node lost it) instead of signing a new one. A new
 * transaction is signed only when the recorded one can no longer take effect (its nonce was used by
 * another, or it reverted on an earlier call) and the effect is still missing. Sends of one key are
 * serialized, so nonces never collide inside one node.
 */
public final class IntentSender {
  private static final Logger LOG = LoggerFactory.getLogger(IntentSender.class);
  private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(120);

  private final Web3j web3j;
  private final Credentials key;
  private final long chainId;

  public IntentSender(Web3j web3j, Credentials key, long chainId) {
    this.web3j = web3j;
    this.key = key;
    this.chainId = chainId;
  }

  public String address() {
    return key.getAddress();
  }

  /** What a send did. */
  public enum Outcome {
    /** This call sent (or re-broadcast) the transaction and it succeeded. */
    SENT,
    /** The effect was already there (confirmed before, or found on-chain): nothing was sent. */
    ALREADY_DONE
  }

  /**
   * Makes sure the effect {@code (kind, subject)} happens once, by {@link SendOnce}'s rules. A
   * transaction found reverted from an earlier call is replaced by a newly signed one (the effect
   * being still missing); one that reverts in this call is reported.
   *
   * @param done true when the effect is visible on-chain (checked before any send)
   * @param to the contract
   * @param data the call data (0x…)
   * @throws ChainAccessException when the transaction reverts and the effect is still missing, no
   *     receipt comes in time, or the node cannot be reached
   */
  public synchronized Outcome ensure(
      IntentLog intents,
      String kind,
      String subject,
      Optional<BatchId> batch,
      String actor,
      BooleanSupplier done,
      String to,
      String data)
      throws InterruptedException {
    Web3jEffect effect = new Web3jEffect(done, to, data);
    SendOnce.Result result = SendOnce.run(intents, kind, subject, batch, actor, effect);
    if (result instanceof SendOnce.Reverted earlier && !earlier.inThisCall()) {
      LOG.info(
          "{}: {} {} reverted earlier in {}; signing anew", actor, kind, subject, hash(earlier));
      result = SendOnce.resign(intents, earlier.intent(), effect);
    }
    effect.rethrowInterrupt();
    return switch (result) {
      case SendOnce.Done finished -> {
        if (finished.byRecordedTransaction()) {
          LOG.info("{}: {} {} in {}", actor, kind, subject, hash(finished));
          yield Outcome.SENT;
        }
        yield Outcome.ALREADY_DONE;
      }
      case SendOnce.Waiting waiting ->
          throw new ChainAccessException(
              kind + " " + subject + ": no receipt for " + hash(waiting) + " yet");
      case SendOnce.Reverted reverted ->
          throw new ChainAccessException(
              kind
                  + " "
                  + subject
                  + " reverted in "
                  + hash(reverted)
                  + " ("
                  + effect.revertReason
                  + ")");
    };
  }

  private static String hash(SendOnce.Result result) {
    return result.intent().txHash().map(Bytes32::toHex).orElse("(no transaction)");
  }

  /** The web3j side of {@link SendOnce}: signs with this key, broadcasts, reads receipts. */
  private final class Web3jEffect implements SideEffect {
    private final BooleanSupplier done;
    private final String to;
    private final String data;
    private String revertReason = "";
    private InterruptedException interrupted;

    Web3jEffect(BooleanSupplier done, String to, String data) {
      this.done = done;
      this.to = to;
      this.data = data;
    }

    @Override
    public boolean applied() {
      return done.getAsBoolean();
    }

    @Override
    public Signed sign() {
      RawTransaction transaction =
          RawTransaction.createTransaction(
              nonce(DefaultBlockParameterName.PENDING),
              gasPrice(),
              estimateGas(to, data),
              to,
              BigInteger.ZERO,
              data);
      byte[] signed = TransactionEncoder.signMessage(transaction, chainId, key);
      return new Signed(Keccak256.hash(signed), Hex.encode(signed));
    }

    @Override
    public void send(Signed transaction) {
      broadcast(transaction.raw());
    }

    @Override
    public Status status(Bytes32 txHash) {
      return status(txHash, Optional.empty());
    }

    @Override
    public Status status(Signed transaction) {
      return status(transaction.hash(), Optional.of(transaction.raw()));
    }

    /**
     * Waits for the receipt while the node knows the transaction (at most {@link
     * #RECEIPT_TIMEOUT}); one it does not know is {@link Status#SUPERSEDED} when the key's mined
     * nonce has passed the transaction's own.
     */
    private Status status(Bytes32 txHash, Optional<String> raw) {
      if (interrupted != null) {
        return Status.PENDING;
      }
      Optional<TransactionReceipt> receipt;
      try {
        receipt = awaitReceipt(txHash, RECEIPT_TIMEOUT);
      } catch (InterruptedException e) {
        // SideEffect has no checked exceptions: remember it, report "pending" (so nothing more is
        // sent or awaited) and rethrow once the protocol has returned.
        interrupted = e;
        return Status.PENDING;
      }
      if (receipt.isPresent()) {
        if (receipt.get().isStatusOK()) {
          return Status.MINED;
        }
        revertReason = String.valueOf(receipt.get().getRevertReason());
        return Status.REVERTED;
      }
      if (known(txHash)) {
        return Status.PENDING;
      }
      if (raw.isPresent()
          && nonce(DefaultBlockParameterName.LATEST).compareTo(nonceOf(raw.get())) > 0) {
        return Status.SUPERSEDED;
      }
      return Status.UNKNOWN;
    }

    void rethrowInterrupt() throws InterruptedException {
      if (interrupted != null) {
        throw interrupted;
      }
    }
  }

  private static BigInteger nonceOf(String raw) {
    return TransactionDecoder.decode(raw).getNonce();
  }

  private boolean known(Bytes32 hash) {
    try {
      return web3j.ethGetTransactionByHash(hash.toHex()).send().getTransaction().isPresent();
    } catch (IOException e) {
      throw new ChainAccessException("transaction " + hash + ": " + e.getMessage(), e);
    }
  }

  private BigInteger nonce(DefaultBlockParameterName block) {
    try {
      return web3j.ethGetTransactionCount(key.getAddress(), block).send().getTransactionCount();
    } catch (IOException e) {
      throw new ChainAccessException("nonce of " + key.getAddress() + ": " + e.getMessage(), e);
    }
  }

  private BigInteger gasPrice() {
    try {
      return web3j.ethGasPrice().send().getGasPrice().multiply(BigInteger.TWO);
    } catch (IOException e) {
      throw new ChainAccessException("eth_gasPrice: " + e.getMessage(), e);
    }
  }

  private BigInteger estimateGas(String to, String data) {
    try {
      EthEstimateGas estimate =
          web3j
              .ethEstimateGas(
                  Transaction.createFunctionCallTransaction(
                      key.getAddress(), null, null, null, to, data))
              .send();
      if (estimate.hasError()) {
        throw new ChainAccessException(
            "the call to " + to + " would revert: " + estimate.getError().getMessage());
      }
      return estimate
          .getAmountUsed()
          .multiply(BigInteger.valueOf(6))
          .divide(BigInteger.valueOf(5))
          .add(BigInteger.valueOf(10_000));
    } catch (IOException e) {
      throw new ChainAccessException("eth_estimateGas: " + e.getMessage(), e);
    }
  }

  private void broadcast(String signedHex) {
    try {
      EthSendTransaction sent = web3j.ethSendRawTransaction(signedHex).send();
      if (sent.hasError()) {
        String message = sent.getError().getMessage();
        // A repeat of a known or already-mined transaction is not an error for us.
        if (!message.toLowerCase(java.util.Locale.ROOT).contains("already")
            && !message.toLowerCase(java.util.Locale.ROOT).contains("nonce too low")) {
          throw new ChainAccessException("eth_sendRawTransaction: " + message);
        }
      }
    } catch (IOException e) {
      throw new ChainAccessException("eth_sendRawTransaction: " + e.getMessage(), e);
    }
  }

  private Optional<TransactionReceipt> receipt(Bytes32 hash) {
    try {
      return web3j.ethGetTransactionReceipt(hash.toHex()).send().getTransactionReceipt();
    } catch (IOException e) {
      throw new ChainAccessException("receipt of " + hash + ": " + e.getMessage(), e);
    }
  }

  /** The receipt, waited for while the node knows the transaction (pending), at most timeout. */
  private Optional<TransactionReceipt> awaitReceipt(Bytes32 hash, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long sleep = 5;
    while (true) {
      Optional<TransactionReceipt> receipt = receipt(hash);
      if (receipt.isPresent() || System.nanoTime() > deadline || !known(hash)) {
        return receipt;
      }
      Thread.sleep(sleep);
      sleep = Math.min(200, sleep * 2);
    }
  }
}
