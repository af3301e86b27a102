/**
 * Tokenizer and detokenizer implementations; callers use {@link
 * org.nmt4j.tokenization.Tokenizers} and {@link org.nmt4j.tokenization.Detokenizers}.
 *
 * <p>What Stanford CoreNLP 4.5.7 tokenizes without model jars (checked by running each with only
 * the {@code stanford-corenlp} jar on the class path, and in {@code CoreNlpTokenizerTest}):
 * English and German ({@code PTBTokenizer}, German with CoreNLP's German options and its {@code
 * GermanTokenizerPostProcessor}), French ({@code FrenchTokenizer}) and Spanish ({@code
 * SpanishTokenizer}). Spanish verb-enclitic splitting ({@code splitAll}/{@code splitVerbs})
 * needs {@code enclitic-inflections.data} from the Spanish models jar and is left off; Arabic
 * and Chinese need segmenter models and are not offered. None of CoreNLP's transitive
 * dependencies is needed, so the module excludes them (they include Lucene 7.5 jars that clash
 * with Lucene 9.12).
 */
package org.nmt4j.tokenization.impl;
