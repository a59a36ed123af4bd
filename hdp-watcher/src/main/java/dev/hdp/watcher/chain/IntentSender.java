package dev.hdp.watcher.chain;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.Intent;
import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.IntentState;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Sends a contract transaction at most once, through the {@link IntentLog} protocol: the effect is
 * checked on-chain before anything is sent, the signed transaction and its hash are recorded before
 * the broadcast, and a resumed send looks the recorded transaction up (re-broadcasting the same
 * bytes if the node lost it) instead of signing a new one. A new transaction is signed only when
 * the recorded one can no longer be mined (its nonce was used by another) and the effect is still
 * missing. Sends of one key are serialized, so nonces never collide inside one node.
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
   * Makes sure the effect {@code (kind, subject)} happens once.
   *
   * @param done true when the effect is visible on-chain (checked before any send)
   * @param to the contract
   * @param data the call data (0x…)
   * @throws ChainAccessException when the transaction reverts and the effect is still missing, or
   *     the node cannot be reached
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
    Intent intent = intents.open(kind, subject, batch, actor);
    if (intent.state() == IntentState.CONFIRMED) {
      return Outcome.ALREADY_DONE;
    }
    if (intent.state() == IntentState.SENT && intent.txHash().isPresent()) {
      Optional<TransactionReceipt> receipt = receipt(intent.txHash().get());
      if (receipt.isEmpty() && intent.payload().isPresent()) {
        // Not mined (or the node forgot it): the same signed bytes again, harmless if known.
        LOG.info("{}: re-broadcasting {} {} ({})", actor, kind, subject, intent.txHash().get());
        broadcast(intent.payload().get());
        receipt = awaitReceipt(intent.txHash().get(), Duration.ofSeconds(5));
      }
      if (receipt.isPresent() && receipt.get().isStatusOK()) {
        intents.confirm(intent);
        return Outcome.SENT;
      }
    }
    if (done.getAsBoolean()) {
      intents.confirm(intent);
      return Outcome.ALREADY_DONE;
    }
    BigInteger nonce = nonce();
    BigInteger gasPrice = gasPrice();
    BigInteger gasLimit = estimateGas(to, data);
    RawTransaction transaction =
        RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, BigInteger.ZERO, data);
    byte[] signed = TransactionEncoder.signMessage(transaction, chainId, key);
    Bytes32 hash = Keccak256.hash(signed);
    intent = intents.recordSent(intent, hash, Optional.of(Hex.encode(signed)));
    broadcast(Hex.encode(signed));
    TransactionReceipt receipt =
        awaitReceipt(hash, RECEIPT_TIMEOUT)
            .orElseThrow(
                () ->
                    new ChainAccessException(
                        kind + " " + subject + ": no receipt for " + hash + " yet"));
    if (!receipt.isStatusOK()) {
      if (done.getAsBoolean()) {
        intents.confirm(intent);
        return Outcome.ALREADY_DONE;
      }
      throw new ChainAccessException(
          kind + " " + subject + " reverted in " + hash + " (" + receipt.getRevertReason() + ")");
    }
    intents.confirm(intent);
    LOG.info("{}: {} {} in {} (gas {})", actor, kind, subject, hash, receipt.getGasUsed());
    return Outcome.SENT;
  }

  private BigInteger nonce() {
    try {
      return web3j
          .ethGetTransactionCount(key.getAddress(), DefaultBlockParameterName.PENDING)
          .send()
          .getTransactionCount();
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

  private Optional<TransactionReceipt> awaitReceipt(Bytes32 hash, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long sleep = 5;
    while (true) {
      Optional<TransactionReceipt> receipt = receipt(hash);
      if (receipt.isPresent() || System.nanoTime() > deadline) {
        return receipt;
      }
      Thread.sleep(sleep);
      sleep = Math.min(200, sleep * 2);
    }
  }
}
