package org.nmt4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --dump-config}: a command's effective options as YAML, instead of running it. For
 * {@code translate}, {@code score} and {@code evaluate} the decoding options, a file their
 * {@code --config} reads back; for {@code train} the experiment config (it prints that itself,
 * see {@link Dumps}); for every other command all its options.
 */
public final class ConfigDump {
  /** A command that prints its own effective config for {@code --dump-config}. */
  public interface Dumps {}

  private ConfigDump() {}

  /** The command's effective options as YAML. */
  public static String of(CommandSpec spec) {
    boolean decoding = spec.mixins().values().stream()
        .anyMatch(m -> m.userObject() instanceof DecodingConfigFile);
    List<OptionSpec> options = decoding ? DecodingConfigFile.keys(spec) : all(spec);
    Map<String, Object> values = new LinkedHashMap<>();
    for (OptionSpec o : options) {
      values.put(DecodingConfigFile.key(o), plain(o.getValue()));
    }
    try {
      return new ObjectMapper(new YAMLFactory()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<OptionSpec> all(CommandSpec spec) {
    List<OptionSpec> all = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      String n = o.longestName();
      if (!o.usageHelp() && !o.versionHelp() && !o.hidden() && !n.equals("--verbose")
          && !n.equals("--dump-config")) {
        all.add(o);
      }
    }
    return all;
  }

  /** Paths and other objects as text; lists of them as lists; numbers and booleans as they are. */
  private static Object plain(Object v) {
    if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    if (v instanceof Collection<?> c) {
      return c.stream().map(ConfigDump::plain).toList();
    }
    return v.toString();
  }
}
