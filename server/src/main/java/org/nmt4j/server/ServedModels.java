package org.nmt4j.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.nmt4j.translator.Translator;

/**
 * The models a server translates with, by name (e.g. {@code de-en} and {@code en-de} side by
 * side). Models may be added while the server runs (the CLI starts listening first, so that
 * {@code /healthz} answers while the models load); names keep the order they were added in.
 * Thread-safe.
 */
public final class ServedModels {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Map<String, Translator> byName = new ConcurrentHashMap<>();
  private final List<String> names = new ArrayList<>();

  /**
   * @param name the name clients use; letters, digits, {@code . _ -}, at most 64 characters
   * @param translator the loaded model
   * @return this
   * @throws IllegalArgumentException for a malformed or repeated name
   */
  public ServedModels add(String name, Translator translator) {
    checkName(name);
    java.util.Objects.requireNonNull(translator, "translator");
    synchronized (names) {
      if (byName.putIfAbsent(name, translator) != null) {
        throw new IllegalArgumentException("two models are named '" + name
            + "': give them different names with -m NAME=FILE");
      }
      names.add(name);
    }
    return this;
  }

  /**
   * @param name a model name
   * @return the name
   * @throws IllegalArgumentException unless it is 1-64 letters, digits, {@code . _ -}
   */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("model name '" + name
          + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return name;
  }

  /**
   * @param name a model name
   * @return its translator, if served
   */
  public Optional<Translator> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** @return the names, in the order the models were added */
  public List<String> names() {
    synchronized (names) {
      return List.copyOf(names);
    }
  }
}
