package dev.hdp.contracts;

import java.io.IOException;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;

/** Reads a call's revert data with eth_call, to compare with an expected custom error. */
public final class Reverts {
  private Reverts() {}

  /** The revert data of calling {@code data} on {@code to} from {@code from}, or null. */
  public static String revertData(Web3j web3j, String from, String to, String data)
      throws IOException {
    var response =
        web3j
            .ethCall(
                Transaction.createEthCallTransaction(from, to, data),
                DefaultBlockParameterName.LATEST)
            .send();
    if (!response.hasError()) return null;
    Object revert = response.getError().getData();
    return revert == null ? "" : revert.toString().replace("\"", "");
  }

  /** The revert data of a call of {@code function}. */
  public static String revertData(Web3j web3j, String from, String to, Function function)
      throws IOException {
    return revertData(web3j, from, to, FunctionEncoder.encode(function));
  }

  /** selector(signature) ‖ abi.encode(args), as a custom error's revert data. */
  @SuppressWarnings("rawtypes") // web3j's encoder takes a List of raw Type
  public static String customError(String signature, List<Type> args) {
    String selector = Hash.sha3String(signature).substring(0, 10);
    return selector + FunctionEncoder.encodeConstructor(args);
  }
}
