package org.nmt4j.corpora.read;

import org.nmt4j.tokenization.io.TextInput;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.nmt4j.corpora.CorpusException;
import org.nmt4j.corpora.SentencePair;

/**
 * Streams sentence pairs out of a TMX 1.4 translation memory with StAX, never building a tree.
 *
 * <p>Each {@code <tu>} gives one pair when it has a {@code <tuv>} for both requested languages,
 * chosen by {@code xml:lang} (or the TMX 1.1 {@code lang} attribute) with {@link
 * LanguageMatcher}: an exact code wins over a regional variant, and the first {@code <tuv>} wins
 * among equals. A {@code <tu>} lacking one of the two is not an error, since multilingual memories
 * are often incomplete; it is counted in {@link #skipped()} under {@value #SKIP_MISSING_LANGUAGE}.
 * A file in which one of the languages never occurs stops with a message naming the languages it
 * does have.
 *
 * <p>The text of a {@code <seg>} is its character content, including that of {@code <hi>};
 * content of the inline-code elements {@code <bpt> <ept> <ph> <it> <ut>} (native markup such as
 * {@code <b>}, and their {@code <sub>} flows) is left out. Text is not trimmed or normalised.
 *
 * <p>Bytes are decoded strictly (byte order mark, else the declared encoding, else UTF-8), so an
 * invalid byte stops the reader with {@code file:line: invalid UTF-8 (byte 0xE9)}.
 *
 * <p>Security: DTDs are not processed and external entities are never resolved (a document
 * declaring entities is rejected when it uses them); the JDK's own StAX implementation is used
 * whatever else is on the class path.
 */
public final class TmxCorpusReader extends LookaheadReader {

  /** Reason under which translation units lacking a requested language are counted. */
  public static final String SKIP_MISSING_LANGUAGE = "tmx-unit-missing-language";

  private static final int MAX_LANGUAGES_LISTED = 20;

  private final String file;
  private final InputStream in;
  private final XMLStreamReader xml;
  private final LanguageMatcher sourceLanguage;
  private final LanguageMatcher targetLanguage;
  private final Map<String, String> languagesFound = new LinkedHashMap<>();
  private final Map<String, Long> skipped = new LinkedHashMap<>();
  private boolean moreLanguages;
  private boolean sourceSeen;
  private boolean targetSeen;
  private boolean rootChecked;

  /**
   * Opens a TMX file.
   *
   * @param file the file (gzip-compressed or not)
   * @param sourceLanguage the source language code, e.g. {@code de}
   * @param targetLanguage the target language code, e.g. {@code en}
   */
  public TmxCorpusReader(Path file, String sourceLanguage, String targetLanguage) {
    this.file = file.toString();
    this.sourceLanguage = new LanguageMatcher(sourceLanguage);
    this.targetLanguage = new LanguageMatcher(targetLanguage);
    this.in = TextInput.open(file);
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    try {
      this.xml = factory.createXMLStreamReader(new XmlCharsetReader(in, this.file));
    } catch (XMLStreamException e) {
      TextInput.closeQuietly(in);
      throw malformed(e);
    } catch (RuntimeException e) {
      TextInput.closeQuietly(in);
      throw e;
    }
    skipped.put(SKIP_MISSING_LANGUAGE, 0L);
  }

  @Override
  public Map<String, Long> skipped() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }

  @Override
  protected SentencePair readPair() {
    try {
      return readUnit();
    } catch (XMLStreamException e) {
      throw malformed(e);
    }
  }

  @Override
  protected void atEnd() {
    checkLanguagesFound();
  }

  @Override
  public void close() {
    try {
      xml.close();
    } catch (XMLStreamException e) {
      // closing a reader that was only read loses nothing
    }
    TextInput.closeQuietly(in);
  }

  /** Reads up to the next {@code <tu>} that has both languages; null at the end of the file. */
  private SentencePair readUnit() throws XMLStreamException {
    while (xml.hasNext()) {
      int event = xml.next();
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      String name = xml.getLocalName();
      if (!rootChecked) {
        rootChecked = true;
        if (!name.equals("tmx")) {
          throw CorpusException.at(
              file, line(), "not a TMX file (root element <" + name + ">, expected <tmx>)");
        }
        continue;
      }
      if (name.equals("tu")) {
        SentencePair p = readTu(line());
        if (p != null) {
          return p;
        }
      }
    }
    if (!rootChecked) {
      throw CorpusException.at(file, Math.max(1, line()), "not a TMX file (no <tmx> element)");
    }
    return null;
  }

  /** Reads one {@code <tu>} (the reader is on its start tag) and picks the two segments. */
  private SentencePair readTu(long tuLine) throws XMLStreamException {
    String source = null;
    String target = null;
    LanguageMatcher.Match sourceMatch = LanguageMatcher.Match.NONE;
    LanguageMatcher.Match targetMatch = LanguageMatcher.Match.NONE;
    int depth = 1;
    String lang = null;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        String name = xml.getLocalName();
        if (name.equals("tuv")) {
          lang = xml.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
          if (lang == null) {
            lang = xml.getAttributeValue(null, "lang");
          }
          if (lang == null) {
            throw CorpusException.at(file, line(), "<tuv> without xml:lang");
          }
          String key = LanguageMatcher.normalize(lang);
          if (languagesFound.size() < MAX_LANGUAGES_LISTED) {
            languagesFound.putIfAbsent(key, lang.strip());
          } else if (!languagesFound.containsKey(key)) {
            moreLanguages = true;
          }
        } else if (name.equals("seg")) {
          String text = readSeg();
          depth--; // readSeg consumed the matching end tag
          LanguageMatcher.Match s = sourceLanguage.match(lang);
          LanguageMatcher.Match t = targetLanguage.match(lang);
          if (s.compareTo(sourceMatch) > 0) {
            sourceMatch = s;
            source = text;
            sourceSeen = true;
          }
          if (t.compareTo(targetMatch) > 0) {
            targetMatch = t;
            target = text;
            targetSeen = true;
          }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        if (xml.getLocalName().equals("tuv")) {
          lang = null;
        }
      }
    }
    if (source == null || target == null) {
      skipped.merge(SKIP_MISSING_LANGUAGE, 1L, Long::sum);
      return null;
    }
    return new SentencePair(source, target, file, tuLine);
  }

  /** Text of a {@code <seg>} (reader on its start tag), up to and including its end tag. */
  private String readSeg() throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    int depth = 1;
    int insideCode = 0;
    while (depth > 0) {
      int event = xml.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          if (insideCode > 0 || isInlineCode(xml.getLocalName())) {
            insideCode++;
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          depth--;
          if (insideCode > 0) {
            insideCode--;
          }
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (insideCode == 0) {
            text.append(xml.getText());
          }
        }
        default -> {
          // comments and processing instructions are not text
        }
      }
    }
    return text.toString();
  }

  private static boolean isInlineCode(String name) {
    return switch (name) {
      case "bpt", "ept", "ph", "it", "ut" -> true;
      default -> false;
    };
  }

  private void checkLanguagesFound() {
    if (sourceSeen && targetSeen) {
      return;
    }
    String missing = !sourceSeen ? sourceLanguage.requested() : targetLanguage.requested();
    String found = languagesFound.isEmpty() ? "none" : String.join(", ", languagesFound.values());
    throw new CorpusException(
        file
            + ": no <tuv> in language '"
            + missing
            + "' (languages found: "
            + found
            + (moreLanguages ? ", ..." : "")
            + ")");
  }

  private long line() {
    Location l = xml.getLocation();
    return l == null ? 1 : Math.max(1, l.getLineNumber());
  }

  private CorpusException malformed(XMLStreamException e) {
    Location l = e.getLocation();
    long line = l == null ? 1 : Math.max(1, l.getLineNumber());
    String m = e.getMessage() == null ? "" : e.getMessage();
    int at = m.indexOf("Message: ");
    if (at >= 0) {
      m = m.substring(at + "Message: ".length());
    }
    return CorpusException.at(file, line, "malformed XML: " + readable(m.strip()));
  }

  /**
   * The JDK's parser reports some errors as a bare message key, e.g. {@code
   * http://www.w3.org/TR/1999/REC-xml-names-19990114#AttributeNotUnique?header&srclang}: say
   * what it means.
   */
  static String readable(String message) {
    java.util.regex.Matcher key = java.util.regex.Pattern
        .compile("https?://www\\.w3\\.org/\\S*#(\\w+)\\?(\\S+)").matcher(message);
    if (!key.matches()) {
      return message;
    }
    String[] args = key.group(2).split("&");
    String element = args.length > 0 ? args[0] : "?";
    String attribute = args.length > 1 ? args[1] : "?";
    return switch (key.group(1)) {
      case "AttributeNotUnique" -> "attribute '" + attribute + "' appears twice in <" + element
          + ">";
      case "AttributePrefixUnbound" -> "attribute '" + attribute + "' of <" + element
          + "> has an undeclared namespace prefix";
      case "ElementPrefixUnbound" -> "element <" + element + "> has an undeclared namespace prefix";
      default -> key.group(1).replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
          + " (" + String.join(", ", args) + ")";
    };
  }
}
