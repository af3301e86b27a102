package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nmt4j.translator.config.ExperimentConfig;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.OptionSpec;

/** The --help of every command: whole summaries, one style, every default shown, no duplicates. */
class HelpTextTest {
  private static List<CommandLine> allCommands() {
    List<CommandLine> all = new ArrayList<>();
    collect(Nmt4jCommand.commandLine(), all);
    return all;
  }

  private static void collect(CommandLine c, List<CommandLine> all) {
    all.add(c);
    c.getSubcommands().values().forEach(s -> collect(s, all));
  }

  private static String name(CommandLine c) {
    return c.getCommandSpec().qualifiedName(" ");
  }

  /** The option's description as --help prints it (variables resolved), on one line. */
  private static String description(OptionSpec o) {
    return String.join(" ", o.description());
  }

  @Test
  void everySummaryIsOneWholeImperativeSentence() {
    for (CommandLine c : allCommands()) {
      String[] description = c.getCommandSpec().usageMessage().description();
      assertTrue(description.length > 0, name(c) + " has no description");
      String summary = description[0];
      assertTrue(summary.endsWith("."), name(c) + ": summary not a whole sentence: " + summary);
      assertEquals(count(summary, '('), count(summary, ')'), name(c) + ": " + summary);
      assertTrue(summary.length() <= 90, name(c) + ": summary too long for the list: " + summary);
      if (c.getParent() != null) {
        String verb = summary.split(" ")[0];
        assertFalse(verb.endsWith("s") || verb.endsWith("ing"),
            name(c) + ": summary not in the imperative: " + summary);
      }
    }
  }

  @Test
  void commandListsShowWholeSummaries() {
    for (CommandLine c : allCommands()) {
      if (c.getSubcommands().isEmpty()) {
        continue;
      }
      String usage = c.getUsageMessage(Ansi.OFF);
      String list = usage.substring(usage.indexOf("Commands:") + "Commands:".length());
      // one entry per subcommand: its name at the start of a line, its summary after it
      List<String> entries = new ArrayList<>();
      for (String line : list.split("\\R")) {
        if (line.isBlank()) {
          continue;
        }
        if (line.startsWith("  ") && !line.startsWith("    ")) {
          entries.add(line.strip());
        } else {
          entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
        }
      }
      assertEquals(c.getSubcommands().size(), entries.size(), name(c) + " --help:\n" + usage);
      for (String e : entries) {
        assertTrue(e.endsWith("."), name(c) + " --help cuts a summary: " + e);
      }
    }
  }

  @Test
  void everyDefaultIsShown() {
    for (CommandLine c : allCommands()) {
      String usage = c.getUsageMessage(Ansi.OFF);
      assertFalse(usage.contains("${"), name(c) + ": unresolved variable in --help:\n" + usage);
      for (OptionSpec o : c.getCommandSpec().options()) {
        if (o.hidden() || o.usageHelp() || o.versionHelp() || o.arity().max() == 0) {
          continue;
        }
        String d = description(o).toLowerCase(Locale.ROOT);
        if (o.defaultValue() != null && !o.defaultValue().isEmpty()) {
          assertTrue(d.contains("default"), name(c) + " " + o.longestName()
              + " has the default " + o.defaultValue() + " but --help does not say so: " + d);
        }
      }
    }
  }

  @Test
  void trainShowsTheExperimentConfigsDefaults() {
    ExperimentConfig defaults = ExperimentConfig.defaults();
    CommandLine train = Nmt4jCommand.commandLine().getSubcommands().get("train");
    String lr = description(train.getCommandSpec().findOption("--lr"));
    assertTrue(lr.endsWith("(default: " + defaults.training().learningRate() + ")."), lr);
    String batch = description(train.getCommandSpec().findOption("--batch-size"));
    assertTrue(batch.endsWith("(default: " + defaults.training().batchSize() + ")."), batch);
    String hidden = description(train.getCommandSpec().findOption("--hidden"));
    assertTrue(hidden.endsWith("(default: " + defaults.model().encoder().hiddenSize() + ")."), hidden);
    // every flag that sets a config value names its default
    for (OptionSpec o : train.getCommandSpec().options()) {
      if (o.hidden() || o.usageHelp() || o.versionHelp() || o.arity().max() == 0 || o.required()) {
        continue;
      }
      boolean input = o.paramLabel().equals("FILE") || o.paramLabel().equals("CORPUS")
          || o.paramLabel().equals("YAML") || o.paramLabel().equals("S,T")
          || o.paramLabel().equals("DIR");
      if (!input) {
        assertTrue(description(o).contains("(default: "), "train " + o.longestName() + ": "
            + description(o));
      }
    }
  }

  @Test
  void noOptionIsListedTwice() {
    for (CommandLine c : allCommands()) {
      Set<String> seen = new HashSet<>();
      for (OptionSpec o : c.getCommandSpec().options()) {
        for (String n : o.names()) {
          assertTrue(seen.add(n), name(c) + " lists " + n + " twice");
        }
      }
      // the option rows of --help (a name at the row's start, not a wrapped description line)
      List<String> rows = new ArrayList<>();
      for (String line : c.getUsageMessage(Ansi.OFF).split("\\R")) {
        java.util.regex.Matcher m = ROW.matcher(line);
        if (m.find()) {
          rows.add(m.group(2));
        }
      }
      assertEquals(new HashSet<>(rows).size(), rows.size(), name(c) + " --help lists an option twice: " + rows);
      long visible = c.getCommandSpec().options().stream().filter(o -> !o.hidden()).count();
      assertEquals(visible, rows.size(), name(c) + ": " + rows);
    }
  }

  private static final java.util.regex.Pattern ROW =
      java.util.regex.Pattern.compile("^(  -\\S, |      )(--(?:\\[no-\\])?[^=\\s\\[,]+)");

  private static long count(String s, char ch) {
    return s.chars().filter(x -> x == ch).count();
  }
}
