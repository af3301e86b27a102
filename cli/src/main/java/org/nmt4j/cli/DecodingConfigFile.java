package org.nmt4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --config FILE} of {@code translate}, {@code score} and {@code evaluate}: their decoding
 * options from a YAML file, one key per option (its long name without {@code --}), e.g.
 *
 * <pre>
 * sample: true
 * temperature: 0.8
 * top-p: 0.9
 * max-output-length: 100
 * </pre>
 *
 * A flag on the command line wins over the file, the file over the built-in default. The keys
 * are the command's options that take one value or none and name no file ({@link #keys}); the
 * models and the input and output files stay on the command line. {@code --dump-config} prints
 * these options as such a file.
 */
public final class DecodingConfigFile {
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--config", paramLabel = "YAML",
      description = "Read decoding options from a YAML file, one key per option without --, e.g. "
          + "'temperature: 0.8' (flags given win; --dump-config prints one; default: none).")
  Path file;

  /**
   * Checks the file once the command line is parsed: it exists, is a YAML mapping, and names
   * only this command's decoding options with scalar values.
   *
   * @throws ParameterException for an unknown key or a value that is not a scalar (exit 2)
   * @throws IOException when the file cannot be read (exit 1, naming the file)
   */
  public void check() throws IOException {
    if (file != null) {
      read(file, command);
    }
  }

  /**
   * The options a config file (and {@code --dump-config}) holds: those taking one value or none
   * that name no file.
   */
  public static List<OptionSpec> keys(CommandSpec spec) {
    List<OptionSpec> keys = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp() || o.hidden() || o.isMultiValue()
          || o.type() == Path.class || o.longestName().equals("--config")
          || o.longestName().equals("--verbose") || o.longestName().equals("--dump-config")) {
        continue;
      }
      keys.add(o);
    }
    return keys;
  }

  /** The option's key: its longest name without the dashes. */
  public static String key(OptionSpec o) {
    return o.longestName().replaceFirst("^-+", "");
  }

  /** Reads and checks a config file for the command; returns key to value. */
  static Map<String, String> read(Path file, CommandSpec spec) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file + " (--config)");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return values;
    }
    CommandLine cl = spec.commandLine();
    if (!root.isObject()) {
      throw new ParameterException(cl, "--config " + file + ": expected a mapping of option names to values");
    }
    Map<String, OptionSpec> keys = new LinkedHashMap<>();
    for (OptionSpec o : keys(spec)) {
      keys.put(key(o), o);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!keys.containsKey(e.getKey())) {
        throw new ParameterException(cl, "--config " + file + ": unknown key '" + e.getKey()
            + "'; valid keys: " + String.join(", ", keys.keySet()));
      }
      if (e.getValue().isNull()) {
        continue; // as --dump-config prints an option without a value: not set
      }
      if (!e.getValue().isValueNode()) {
        throw new ParameterException(cl, "--config " + file + ": " + e.getKey()
            + ": expected one value, got " + e.getValue());
      }
      values.put(e.getKey(), e.getValue().asText());
    }
    return values;
  }

  /**
   * Gives the options of a command with a {@code --config} file their values from it, when not
   * given as flags. Reading or checking errors are left to {@link #check()}, run by the command.
   */
  public static final class Defaults implements IDefaultValueProvider {
    private final List<String> args;
    private final Map<CommandSpec, Map<String, String>> read = new java.util.IdentityHashMap<>();

    /** @param args the whole command line, where {@code --config FILE} is looked for */
    public Defaults(String... args) {
      this.args = List.of(args);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
      if (!(arg instanceof OptionSpec o) || !hasConfigFile(arg.command())) {
        return null;
      }
      Map<String, String> values = read.computeIfAbsent(arg.command(), this::load);
      return values.get(key(o));
    }

    private static boolean hasConfigFile(CommandSpec spec) {
      return spec != null && spec.mixins().values().stream()
          .anyMatch(m -> m.userObject() instanceof DecodingConfigFile);
    }

    private Map<String, String> load(CommandSpec spec) {
      Path file = null;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("--config") && i + 1 < args.size()) {
          file = Path.of(args.get(i + 1));
        } else if (a.startsWith("--config=")) {
          file = Path.of(a.substring("--config=".length()));
        }
      }
      if (file == null) {
        return Map.of();
      }
      try {
        return read(file, spec);
      } catch (IOException | RuntimeException e) {
        return Map.of(); // reported by check() with the command's own error handling
      }
    }
  }
}
