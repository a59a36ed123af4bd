package dev.hdp.core.task;

import dev.hdp.core.abi.AbiWriter;
import dev.hdp.core.bytes.Bytes32;
import java.util.List;

/**
 * A Cairo 1 module task: a program (class) hash and its inputs. Only the public inputs are
 * committed: {@code keccak256(abi.encode(bytes32 programHash, bytes32[] publicInputs))} (hdp.md
 * §3.4, vector V10). Modelled for commitments only; this project does not run modules.
 */
public record ModuleTask(Bytes32 programHash, List<Input> inputs) implements Task {
  /** Whether an input is committed (public) or only given to the program (private). */
  public enum Visibility {
    PUBLIC,
    PRIVATE
  }

  /** One felt input of the module. */
  public record Input(Visibility visibility, Bytes32 value) {
    public Input {
      if (visibility == null || value == null) {
        throw new TaskValidationException("inputs", "visibility or value is missing");
      }
    }
  }

  public ModuleTask {
    if (programHash == null) {
      throw new TaskValidationException("programHash", "is missing");
    }
    inputs = List.copyOf(inputs);
  }

  /** The public inputs, in order. */
  public List<Bytes32> publicInputs() {
    return inputs.stream()
        .filter(i -> i.visibility() == Visibility.PUBLIC)
        .map(Input::value)
        .toList();
  }

  @Override
  public byte[] encode() {
    return new AbiWriter().bytes32(programHash).bytes32Array(publicInputs()).toByteArray();
  }
}
