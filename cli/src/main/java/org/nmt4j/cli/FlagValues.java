package org.nmt4j.cli;

import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Turns a rejected flag value into a command-line error, so that it exits with {@link
 * Main#EXIT_USAGE} (2) like any other bad command line rather than 1 (bad input).
 */
public final class FlagValues {
  private FlagValues() {}

  /**
   * A flag value out of range or flags that do not go together: printed like a run-time error,
   * {@code nmt4j CMD: error: MESSAGE}, with exit code 2.
   */
  public static final class Rejected extends ParameterException {
    private static final long serialVersionUID = 1L;

    Rejected(CommandLine commandLine, String message, Throwable cause) {
      super(commandLine, message);
      if (cause != null) {
        initCause(cause);
      }
    }
  }

  /**
   * Runs a validation of flag values.
   *
   * @param commandLine the command whose flags are checked
   * @param validation builds the validated value; an {@link IllegalArgumentException} it throws
   *     names the flag at fault
   * @return what the validation built
   * @throws ParameterException with the validation's message
   */
  public static <T> T check(CommandLine commandLine, Supplier<T> validation) {
    try {
      return validation.get();
    } catch (IllegalArgumentException e) {
      throw new Rejected(commandLine, e.getMessage(), e);
    }
  }

  /**
   * A command-line error unless {@code ok}.
   *
   * @param commandLine the command
   * @param ok whether the flags are acceptable
   * @param message names the flag and what is allowed
   */
  public static void require(CommandLine commandLine, boolean ok, String message) {
    if (!ok) {
      throw new Rejected(commandLine, message, null);
    }
  }
}
