package org.nmt4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nmt4j.cli.Nmt4jCommand;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** The renamed flags: the new names listed in --help, the old ones accepted but not listed. */
class FlagNamesTest {
  private static TranslateCommand parseTranslate(String... args) {
    CommandLine cli = Nmt4jCommand.commandLine();
    CommandLine.ParseResult r = cli.parseArgs(args);
    return (TranslateCommand) r.subcommand().commandSpec().userObject();
  }

  @Test
  void newNamesSetTheDecodingLimits() {
    TranslateCommand t = parseTranslate("translate", "-m", "m.nmt4j", "--src", "in.txt",
        "--max-output-length", "5", "--max-src-length", "7");
    assertEquals(Path.of("in.txt"), t.input);
    assertEquals(5, t.decoding.maxLength);
    assertEquals(7, t.decoding.maxSourceLength);
  }

  @Test
  void oldNamesStillWorkButAreNotListed() {
    TranslateCommand t = parseTranslate("translate", "-m", "m.nmt4j", "-i", "in.txt",
        "--max-length", "5", "--max-source-length", "7");
    assertEquals(Path.of("in.txt"), t.input);
    assertEquals(5, t.decoding.maxLength);
    assertEquals(7, t.decoding.maxSourceLength);
    assertEquals(Path.of("b.txt"),
        parseTranslate("translate", "-m", "m", "--input", "b.txt").input);
    // defaults stay when neither spelling is given
    TranslateCommand d = parseTranslate("translate", "-m", "m.nmt4j");
    assertEquals(250, d.decoding.maxLength);
    assertEquals(250, d.decoding.maxSourceLength);

    String help = Nmt4jCommand.commandLine().getSubcommands().get("translate")
        .getUsageMessage(Ansi.OFF);
    for (String old : new String[] {"--input", "-i,", "--max-length=", "--max-source-length"}) {
      assertFalse(help.contains(old), old + " listed in:\n" + help);
    }
    assertTrue(help.contains("--max-output-length=N"), help);
  }
}
